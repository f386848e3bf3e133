using FaceAttendance.Tests.Web.Support;

namespace FaceAttendance.Tests.Web.Hosting.Lambda;

/// <summary>
/// The real app process hosted as a Lambda function: it polls a <see cref="FakeLambdaRuntime"/>, and an
/// <see cref="ApiGatewayEmulator"/> turns plain HTTP into its events. Ready once /healthz answers 200 through the bridge.
/// </summary>
public sealed class LambdaApp : IAsyncDisposable
{
    // the live server's, so the browser tests' login works on either
    public const string ApiKey = Browser.LiveAppServer.ApiKey;
    public const string AdminPassword = Browser.LiveAppServer.AdminPassword;

    private readonly string _dataDir;

    private LambdaApp(FakeLambdaRuntime runtime, ApiGatewayEmulator gateway, AppProcess process, string dataDir)
    {
        _dataDir = dataDir;
        Runtime = runtime;
        Gateway = gateway;
        Process = process;
    }

    public FakeLambdaRuntime Runtime { get; }
    public ApiGatewayEmulator Gateway { get; }
    public AppProcess Process { get; }
    public Uri BaseAddress => Gateway.BaseAddress;

    /// <param name="asNobody">run as the unprivileged user nobody (needs root): the build output is then read-only to
    /// the app, as Lambda's package directory is.</param>
    public static async Task<LambdaApp> StartAsync(IReadOnlyDictionary<string, string>? settings = null, bool asNobody = false)
    {
        var runtime = new FakeLambdaRuntime();
        var gateway = new ApiGatewayEmulator(runtime);
        var dataDir = Path.Combine(Path.GetTempPath(), $"fa-lambda-{Guid.NewGuid():N}");
        var all = new Dictionary<string, string>
        {
            ["AWS_LAMBDA_RUNTIME_API"] = runtime.Address,
            ["FaceAttendance:DataDir"] = dataDir,
            ["FaceAttendance:Admin:ApiKey"] = ApiKey,
            ["FaceAttendance:Admin:Password"] = AdminPassword,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            all[key] = value;
        }
        var app = new LambdaApp(runtime, gateway, AppProcess.Launch(all, asNobody: asNobody), dataDir);
        await app.WaitUntilHealthyAsync();
        return app;
    }

    public HttpClient CreateClient() => new() { BaseAddress = BaseAddress };

    public HttpClient CreateAdminClient()
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", ApiKey);
        return client;
    }

    private PairedKioskClient? _kiosk;

    /// <summary>The function's kiosk, paired through its admin API (through the gateway) on first use.</summary>
    public async Task<PairedKioskClient> KioskAsync()
    {
        if (_kiosk is null)
        {
            using var admin = CreateAdminClient();
            _kiosk = await PairedKioskClient.PairAsync(admin);
        }
        return _kiosk;
    }

    /// <summary>A client that is the function's kiosk: its requests reach the function as events with
    /// <c>Authorization: Bearer</c>.</summary>
    public async Task<HttpClient> CreateKioskClientAsync() => (await KioskAsync()).Authorise(CreateClient());

    private async Task WaitUntilHealthyAsync()
    {
        using var client = CreateClient();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(90))
        {
            if (Process.HasExited)
            {
                throw new InvalidOperationException($"The app exited with {Process.ExitCode} before it was healthy:\n{Process.Output}");
            }
            if (Runtime.InitError.IsCompleted)
            {
                throw new InvalidOperationException($"The app reported an init error {Runtime.InitError.Result}:\n{Process.Output}");
            }
            using var attempt = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            try
            {
                if ((await client.GetAsync("/healthz", attempt.Token)).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // not polling yet
            }
            await Task.Delay(200);
        }
        throw new TimeoutException($"The app was not healthy through the Lambda bridge within 90 s:\n{Process.Output}");
    }

    public async ValueTask DisposeAsync()
    {
        _kiosk?.Dispose();
        await Process.DisposeAsync();
        await Gateway.DisposeAsync();
        await Runtime.DisposeAsync();
        if (Directory.Exists(_dataDir))
        {
            Directory.Delete(_dataDir, recursive: true);
        }
    }
}
