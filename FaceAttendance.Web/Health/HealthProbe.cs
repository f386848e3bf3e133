using System.Text.RegularExpressions;

namespace FaceAttendance.Web.Health;

/// <summary>
/// <c>dotnet FaceAttendance.Web.dll --healthcheck [url]</c>: asks a running instance's /healthz and exits 0 when it
/// answers 200, 1 otherwise with one line saying why. Docker's HEALTHCHECK uses it, so the image needs no curl.
/// Without a URL it asks this machine's own port as Kestrel reads it: the first of ASPNETCORE_URLS, else of
/// ASPNETCORE_HTTP_PORTS, else 8080 (the aspnet image's default).
/// </summary>
internal static class HealthProbe
{
    public const string Flag = "--healthcheck";

    public static async Task<int> RunAsync(string[] args)
    {
        var target = args.Length > 1 ? args[1] : LocalUrl(Environment.GetEnvironmentVariable("ASPNETCORE_HTTP_PORTS"),
            Environment.GetEnvironmentVariable("ASPNETCORE_URLS"));
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        try
        {
            using var response = await http.GetAsync(new Uri(new Uri(target), "/healthz"));
            if (response.IsSuccessStatusCode)
            {
                return 0;
            }
            var body = await response.Content.ReadAsStringAsync();
            // the anonymous answer names no check; which one failed is for admins
            Console.Error.WriteLine($"FaceAttendance is unhealthy: {(int)response.StatusCode} from {target}/healthz: {(body.Length > 200 ? body[..200] : body)} (an admin sees why at {HealthSetup.DetailsPath})");
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or UriFormatException)
        {
            Console.Error.WriteLine($"FaceAttendance did not answer at {target}/healthz: {e.Message}");
        }
        return 1;
    }

    /// <summary>The loopback URL of the port the app listens on, as the same environment tells Kestrel.</summary>
    public static string LocalUrl(string? httpPorts, string? urls)
    {
        if (urls?.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() is { } url)
        {
            // a wildcard host (+, *, 0.0.0.0, [::]) is reached through loopback
            return Regex.Replace(url, @"://(\+|\*|0\.0\.0\.0|\[::\])", "://127.0.0.1").TrimEnd('/');
        }
        if (httpPorts?.Split([';', ','], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() is { } port)
        {
            return $"http://127.0.0.1:{port}";
        }
        return "http://127.0.0.1:8080";
    }
}
