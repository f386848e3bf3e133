using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FaceAttendance.Tests.Web.Support;
using FaceAttendance.Web.Storage;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace FaceAttendance.Tests.Web.Browser;

/// <summary>The real app on a real Kestrel port (a browser, the JS SDK and s3rver cannot reach the in-memory test
/// server), with a fresh DataDir and admin credentials the test knows. <paramref name="settings"/> adds configuration,
/// e.g. to put the app in AWS mode.</summary>
public class LiveAppServer(IEnumerable<KeyValuePair<string, string>>? settings = null) : WebApplicationFactory<Program>
{
    public const string AdminPassword = "live-test-password";
    public const string ApiKey = "live-test-api-key";

    private readonly string _dataDir = Path.Combine(Path.GetTempPath(), $"fa-live-{Guid.NewGuid():N}");
    private Uri? _baseAddress;

    /// <summary>Where the app listens, e.g. http://127.0.0.1:41234 (starts it on first use).</summary>
    public Uri BaseAddress
    {
        get
        {
            if (_baseAddress is null)
            {
                UseKestrel(0);
                StartServer();
                _baseAddress = new Uri(Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First());
            }
            return _baseAddress;
        }
    }

    public HttpClient CreateAdminClient()
    {
        var client = new HttpClient { BaseAddress = BaseAddress };
        client.DefaultRequestHeaders.Add("X-Api-Key", ApiKey);
        return client;
    }

    /// <summary>A client that is a kiosk, paired through the admin API as a script pairs one.</summary>
    public async Task<HttpClient> CreateKioskClientAsync()
    {
        using var admin = CreateAdminClient();
        using var paired = await PairedKioskClient.PairAsync(admin);
        return paired.Authorise(new HttpClient { BaseAddress = BaseAddress });
    }

    /// <summary>Creates a person and enrols one photo through the admin API; both must be accepted.</summary>
    public async Task<Guid> EnrolAsync(string employeeId, string name, byte[] photo)
    {
        using var admin = CreateAdminClient();
        using var person = await admin.PostAsJsonAsync("/api/people", new { employeeId, name, consent = true });
        person.StatusCode.Should().Be(HttpStatusCode.Created, await person.Content.ReadAsStringAsync());
        var id = (await person.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        using var face = await admin.PostAsync($"/api/people/{id}/faces", FaceAttendanceApp.ImageForm(photo, ImageFormats.Jpeg));
        face.StatusCode.Should().Be(HttpStatusCode.Created, await face.Content.ReadAsStringAsync());
        return id;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("FaceAttendance:DataDir", _dataDir);
        builder.UseSetting("FaceAttendance:Admin:Password", AdminPassword);
        builder.UseSetting("FaceAttendance:Admin:ApiKey", ApiKey);
        foreach (var (key, value) in settings ?? [])
        {
            builder.UseSetting(key, value);
        }
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
