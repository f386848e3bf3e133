using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace FaceAttendance.Tests.Web.Browser;

/// <summary>The real app on a real Kestrel port (a browser cannot reach the in-memory test server), with a fresh
/// DataDir and admin credentials the test knows.</summary>
internal sealed class LiveAppServer : WebApplicationFactory<Program>
{
    public const string AdminPassword = "browser-test-password";
    public const string ApiKey = "browser-test-api-key";

    private readonly string _dataDir = Path.Combine(Path.GetTempPath(), $"fa-browser-{Guid.NewGuid():N}");

    public LiveAppServer() => UseKestrel(0);

    /// <summary>Starts the server and returns its address, e.g. http://127.0.0.1:41234.</summary>
    public Uri Start()
    {
        StartServer();
        var address = Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return new Uri(address);
    }

    public HttpClient CreateAdminClient(Uri baseAddress)
    {
        var client = new HttpClient { BaseAddress = baseAddress };
        client.DefaultRequestHeaders.Add("X-Api-Key", ApiKey);
        return client;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("FaceAttendance:DataDir", _dataDir);
        builder.UseSetting("FaceAttendance:Admin:Password", AdminPassword);
        builder.UseSetting("FaceAttendance:Admin:ApiKey", ApiKey);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (Directory.Exists(_dataDir))
        {
            Directory.Delete(_dataDir, recursive: true);
        }
    }
}
