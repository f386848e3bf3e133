using System.Net;

namespace FaceAttendance.Tests.Web.Support;

/// <summary>A browser whose travels cross hosts, as a sign-in with an identity provider does: http://localhost is the
/// in-memory app, any other host is reached over the network. Cookies are kept per host in one jar, and redirects are
/// followed as a browser follows them (a 302 or 303 becomes a GET).</summary>
public sealed class TwoHostBrowser(FaceAttendanceApp app) : IDisposable
{
    private readonly HttpClient _app = new(app.Server.CreateHandler());
    private readonly HttpClient _network = new(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false });

    public CookieContainer Cookies { get; } = new();

    public static readonly Uri App = new("http://localhost");

    public Task<HttpResponseMessage> GetAsync(string appPath) => SendAsync(HttpMethod.Get, new Uri(App, appPath));

    /// <param name="stopAt">a redirect to a URL this accepts is returned, not followed (to look at or change it).</param>
    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, Uri url, HttpContent? content = null, Func<Uri, bool>? stopAt = null)
    {
        while (true)
        {
            using var request = new HttpRequestMessage(method, url) { Content = content };
            if (Cookies.GetCookieHeader(url) is { Length: > 0 } cookies)
            {
                request.Headers.Add("Cookie", cookies);
            }
            var response = await (url.Host == App.Host ? _app : _network).SendAsync(request);
            foreach (var cookie in response.Headers.TryGetValues("Set-Cookie", out var set) ? set : [])
            {
                Cookies.SetCookies(url, cookie);
            }
            if (response.StatusCode is not (HttpStatusCode.Redirect or HttpStatusCode.SeeOther) || response.Headers.Location is not { } location)
            {
                return response;
            }
            var next = new Uri(url, location);
            if (stopAt?.Invoke(next) == true)
            {
                return response;
            }
            response.Dispose();
            (method, url, content) = (HttpMethod.Get, next, null);
        }
    }

    public void Dispose()
    {
        _app.Dispose();
        _network.Dispose();
    }
}
