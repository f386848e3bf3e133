using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using FaceAttendance.Vision;
using FaceAttendance.Web.Attendance;
using FaceAttendance.Web.Aws.Engine;
using FaceAttendance.Web.Data;
using FaceAttendance.Web.Faces;
using FaceAttendance.Web.Http;
using FaceAttendance.Web.People;
using FaceAttendance.Web.Storage;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace FaceAttendance.Tests.Web.Support;

/// <summary>The real app in memory: its own DataDir (a real SQLite file and object folder), known admin credentials,
/// UTC days, a controllable clock and the real engine, loaded once for every app in the test run. Settings may put it in
/// another configuration, e.g. the AWS one of <see cref="AppConfigurations"/>.</summary>
public sealed class FaceAttendanceApp : WebApplicationFactory<Program>
{
    public const string ApiKey = "test-api-key";
    public const string AdminPassword = "test-admin-password";

    private static readonly Lazy<FaceEngine> SharedEngine = new(() => FaceEngine.Load(new FaceEngineOptions()));
    // uploads to another server (the S3 store's) go over the network, as a browser's would
    private static readonly HttpClient Browser = new();
    private readonly bool _ownsDataDir;
    private readonly Dictionary<string, string?> _settings;
    private readonly Action<IWebHostBuilder>? _host;

    /// <param name="dataDir">an existing DataDir to restart on; a fresh one (deleted on dispose) when null.</param>
    /// <param name="settings">extra configuration, e.g. "FaceAttendance:Uploads:MaxBytes".</param>
    /// <param name="host">more host setup, after the app's own: another environment, test-only services.</param>
    public FaceAttendanceApp(string? dataDir = null, DateTimeOffset? now = null, Dictionary<string, string?>? settings = null,
        Action<IWebHostBuilder>? host = null)
    {
        _host = host;
        _ownsDataDir = dataDir is null;
        DataDir = dataDir ?? Path.Combine(Path.GetTempPath(), $"fa-web-{Guid.NewGuid():N}");
        Clock = new FakeTimeProvider(now ?? DateTimeOffset.UtcNow);
        _settings = new Dictionary<string, string?>
        {
            ["FaceAttendance:DataDir"] = DataDir,
            ["FaceAttendance:Admin:ApiKey"] = ApiKey,
            ["FaceAttendance:Admin:Password"] = AdminPassword,
            ["FaceAttendance:TimeZone"] = "UTC",
        };
        foreach (var (key, value) in settings ?? [])
        {
            _settings[key] = value;
        }
    }

    public string DataDir { get; }

    public FakeTimeProvider Clock { get; }

    public FaceEngine Engine => SharedEngine.Value;

    /// <summary>The similarity a match reaches on the scale /attendance reports: the local engine's cosine threshold, or
    /// Rekognition's FaceMatchThreshold (a percentage) as a fraction.</summary>
    public float MatchThreshold => Services.GetRequiredService<EngineOptions>().Provider == EngineProvider.Rekognition
        ? Services.GetRequiredService<IOptions<RekognitionEngineOptions>>().Value.FaceMatchThreshold / 100
        : Engine.MatchThreshold;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<TimeProvider>(Clock);
            // registered as an instance, so a disposed app leaves it loaded for the next one
            services.AddSingleton(SharedEngine.Value);
        });
        _host?.Invoke(builder);
    }

    private readonly SemaphoreSlim _pairing = new(1, 1);
    private PairedKioskClient? _kiosk;

    /// <summary>The app's kiosk, paired through the admin API on first use (once, however many scans ask at once).</summary>
    public async Task<PairedKioskClient> KioskAsync()
    {
        await _pairing.WaitAsync();
        try
        {
            return _kiosk ??= await PairKioskAsync();
        }
        finally
        {
            _pairing.Release();
        }
    }

    /// <summary>Adds and pairs another kiosk through the admin API.</summary>
    public async Task<PairedKioskClient> PairKioskAsync(string name = "Front door", bool withKey = true)
    {
        using var admin = CreateAdminClient();
        return await PairedKioskClient.PairAsync(admin, name, withKey: withKey);
    }

    /// <summary>A client that is the app's paired kiosk (<see cref="KioskAsync"/>).</summary>
    public async Task<HttpClient> CreateKioskClientAsync() => (await KioskAsync()).Authorise(CreateClient());

    public HttpClient CreateAdminClient()
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", ApiKey);
        return client;
    }

    public async Task<PersonResponse> CreatePersonAsync(string employeeId, string name)
    {
        using var admin = CreateAdminClient();
        var response = await admin.PostAsJsonAsync("/api/people", new { employeeId, name, consent = true });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<PersonResponse>(Json.Options))!;
    }

    public async Task<HttpResponseMessage> EnrolAsync(Guid personId, byte[] photo, string contentType = ImageFormats.Jpeg)
    {
        using var admin = CreateAdminClient();
        return await admin.PostAsync($"/api/people/{personId}/faces", ImageForm(photo, contentType));
    }

    /// <summary>Creates a person and enrols every photo, which must all be accepted.</summary>
    public async Task<PersonResponse> EnrolPersonAsync(string employeeId, string name, params byte[][] photos)
    {
        var person = await CreatePersonAsync(employeeId, name);
        foreach (var photo in photos)
        {
            var response = await EnrolAsync(person.Id, photo);
            response.StatusCode.Should().Be(System.Net.HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        }
        return person;
    }

    /// <summary>The kiosk's way: presign, upload the snapshot to the returned URL, then POST its key.</summary>
    public async Task<HttpResponseMessage> CheckAtKioskAsync(byte[] snapshot)
    {
        using var kiosk = await CreateKioskClientAsync();
        var upload = await PresignAsync(kiosk);
        (await UploadAsync(kiosk, upload, snapshot)).EnsureSuccessStatusCode();
        return await kiosk.PostAsJsonAsync("/attendance", new { key = upload.Key });
    }

    public async Task<KioskAnswer> CheckAtKioskExpectingResultAsync(byte[] snapshot)
    {
        var response = await CheckAtKioskAsync(snapshot);
        response.StatusCode.Should().Be(System.Net.HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<KioskAnswer>(Json.Options))!;
    }

    /// <summary>Every scan's decision as stored, in full (ids and scores), in the order the app's clock decided them: what the unknown-faces page reads.</summary>
    public async Task<IReadOnlyList<ScanOutcome>> StoredOutcomesAsync()
    {
        await using var scope = Services.CreateAsyncScope();
        var stored = await scope.ServiceProvider.GetRequiredService<AttendanceDbContext>().ScanDecisions.AsNoTracking()
            .OrderBy(d => d.DecidedAt).Select(d => d.Outcome).ToListAsync();
        return [.. stored.Select(json => JsonSerializer.Deserialize<ScanOutcome>(json, JsonSerializerOptions.Web)!)];
    }

    /// <summary>The events as stored, oldest first: what only the database tells (the kiosk that recorded each).</summary>
    public async Task<IReadOnlyList<AttendanceEvent>> StoredEventsAsync()
    {
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AttendanceDbContext>().AttendanceEvents.AsNoTracking()
            .OrderBy(e => e.RecordedAt).ToListAsync();
    }

    /// <summary>The events as an admin lists them (GET /api/attendance), newest first: where ids and scores are told,
    /// since a kiosk answer carries none.</summary>
    public async Task<IReadOnlyList<AttendanceEventResponse>> EventsAsync()
    {
        using var admin = CreateAdminClient();
        return (await admin.GetFromJsonAsync<Page<AttendanceEventResponse>>("/api/attendance?pageSize=100", Json.Options))!.Items;
    }

    /// <summary>The snapshot keys the app's object store holds (a folder or a bucket).</summary>
    public async Task<IReadOnlyList<string>> StoredSnapshotsAsync() =>
        await Services.GetRequiredService<IObjectStore>().ListAsync(ObjectKeys.SnapshotsPrefix, CancellationToken.None).ToListAsync();

    /// <summary>The API user's way: one multipart POST.</summary>
    public async Task<HttpResponseMessage> PostSnapshotAsync(byte[] snapshot, string contentType = ImageFormats.Jpeg)
    {
        using var kiosk = await CreateKioskClientAsync();
        return await kiosk.PostAsync("/attendance", ImageForm(snapshot, contentType));
    }

    /// <param name="frames">upload URLs wanted at once: a kiosk's burst.</param>
    public static async Task<PresignResponse> PresignAsync(HttpClient client, string contentType = ImageFormats.Jpeg, int frames = 1)
    {
        var response = await client.PostAsJsonAsync("/presign", new { contentType, frames });
        response.StatusCode.Should().Be(System.Net.HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<PresignResponse>(Json.Options))!;
    }

    /// <summary>Uploads the way /presign said, as the kiosk does (a PUT of the file, or S3's form POST of the fields then the
    /// file): through <paramref name="client"/> when it is the app's own URL, over the network when it is another server's.</summary>
    public static Task<HttpResponseMessage> UploadAsync(HttpClient client, PresignResponse upload, byte[] content, string? contentType = null)
    {
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue(contentType ?? upload.Fields?["Content-Type"] ?? upload.Headers["Content-Type"]);
        var url = new Uri(client.BaseAddress!, upload.UploadUrl);
        var http = url.Authority == client.BaseAddress!.Authority ? client : Browser;
        return upload.Method == "POST" ? http.PostAsync(url, FormUpload(upload.Fields!, file, contentType)) : http.PutAsync(url, file);
    }

    /// <summary>An S3 POST policy's form: the fields in order, <c>Content-Type</c> overridden when a test sends another, the file last.</summary>
    public static MultipartFormDataContent FormUpload(IReadOnlyDictionary<string, string> fields, HttpContent file, string? contentType = null)
    {
        var form = new MultipartFormDataContent();
        foreach (var (name, value) in fields)
        {
            form.Add(new StringContent(name == "Content-Type" && contentType is not null ? contentType : value), name);
        }
        form.Add(file, "file", "snapshot");
        return form;
    }

    public static MultipartFormDataContent ImageForm(byte[] image, string contentType)
    {
        var file = new ByteArrayContent(image);
        file.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        return new MultipartFormDataContent { { file, "image", "snapshot" + (contentType == ImageFormats.Png ? ".png" : ".jpg") } };
    }

    /// <summary>A burst of JPEG frames posted as repeated <c>image</c> fields.</summary>
    public static MultipartFormDataContent BurstForm(IReadOnlyList<byte[]> frames)
    {
        var form = new MultipartFormDataContent();
        foreach (var frame in frames)
        {
            var file = new ByteArrayContent(frame);
            file.Headers.ContentType = new MediaTypeHeaderValue(ImageFormats.Jpeg);
            form.Add(file, "image", "frame.jpg");
        }
        return form;
    }

    public override async ValueTask DisposeAsync()
    {
        _kiosk?.Dispose();
        _pairing.Dispose();
        await base.DisposeAsync();
        if (_ownsDataDir && Directory.Exists(DataDir))
        {
            Directory.Delete(DataDir, recursive: true);
        }
    }
}
