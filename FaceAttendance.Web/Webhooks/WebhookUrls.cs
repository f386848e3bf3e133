using FaceAttendance.Web.Http;

namespace FaceAttendance.Web.Webhooks;

/// <summary>Where a webhook may point. HTTPS to any host (the receiver is usually a company's own integration, maybe on
/// its intranet, and only Owners and Admins register one); plain HTTP only to this machine's loopback (a receiver
/// beside the app, and tests). No credentials in the URL, and deliveries never follow a redirect, so a receiver
/// cannot bounce them somewhere the admin did not choose.</summary>
public static class WebhookUrls
{
    public const int MaxLength = 500;

    public static Refusal? Refusal(string? url)
    {
        if (url is not { Length: > 0 and <= MaxLength } || !Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            return NotAllowed($"The URL must be an absolute http(s) URL of at most {MaxLength} characters.");
        }
        if (uri.UserInfo.Length > 0)
        {
            return NotAllowed("The URL must not carry a user name or password: the signature authenticates each delivery.");
        }
        return uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback
            ? null
            : NotAllowed("The URL must be https, or http to localhost or 127.0.0.1 only.");
    }

    private static Refusal NotAllowed(string detail) => new(StatusCodes.Status400BadRequest, "webhook-url-not-allowed", detail);
}
