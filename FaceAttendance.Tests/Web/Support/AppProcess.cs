using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace FaceAttendance.Tests.Web.Support;

/// <summary>
/// The app as its own OS process (<c>dotnet FaceAttendance.Web.dll</c> on a free 127.0.0.1 port), configured by
/// environment variables as an operator would: for tests where instances must share nothing but the database and the
/// object store. Ready once /healthz answers 200.
/// </summary>
public sealed class AppProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private bool _disposed;

    private readonly string? _apiKey;
    private PairedKioskClient? _kiosk;

    private AppProcess(Process process, Uri baseAddress, string? apiKey)
    {
        _process = process;
        BaseAddress = baseAddress;
        _apiKey = apiKey;
    }

    public Uri BaseAddress { get; }

    /// <summary>What the process printed so far (for failure messages).</summary>
    public string Output
    {
        get { lock (_output) { return _output.ToString(); } }
    }

    /// <param name="requireHealthy">false: ready once it answers at all (an app started on a full disk is up but Unhealthy).</param>
    public static async Task<AppProcess> StartAsync(IReadOnlyDictionary<string, string> settings, bool requireHealthy = true)
    {
        var app = Launch(settings);
        await app.WaitUntilHealthyAsync(requireHealthy);
        return app;
    }

    /// <summary>Starts the process without waiting for it to become healthy (for tests of start-up itself).</summary>
    /// <param name="port">the port to listen on; a free one when null.</param>
    /// <param name="asNobody">run as the unprivileged user nobody (needs root), so file modes apply to the app.</param>
    public static AppProcess Launch(IReadOnlyDictionary<string, string> settings, int? port = null, bool asNobody = false)
    {
        port ??= FreePort();
        string[] command = ["dotnet", Path.Combine(AppContext.BaseDirectory, "FaceAttendance.Web.dll"), "--urls", $"http://127.0.0.1:{port}"];
        var start = new ProcessStartInfo(asNobody ? "setpriv" : command[0], asNobody ? ["--reuid=65534", "--regid=65534", "--clear-groups", .. command] : command[1..])
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (key, value) in settings)
        {
            start.Environment[key.Replace(":", "__")] = value;
        }
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        var app = new AppProcess(Process.Start(start)!, new Uri($"http://127.0.0.1:{port}"), settings.GetValueOrDefault("FaceAttendance:Admin:ApiKey"));
        app._process.OutputDataReceived += (_, line) => app.Append(line.Data);
        app._process.ErrorDataReceived += (_, line) => app.Append(line.Data);
        app._process.BeginOutputReadLine();
        app._process.BeginErrorReadLine();
        return app;
    }

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>Resident memory now and its peak so far (VmRSS, VmHWM from /proc), in bytes.</summary>
    public (long Now, long Peak) ResidentMemory()
    {
        var status = File.ReadAllLines($"/proc/{_process.Id}/status");
        long Kilobytes(string field) => long.Parse(status.Single(line => line.StartsWith(field + ":", StringComparison.Ordinal))
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) * 1024;
        return (Kilobytes("VmRSS"), Kilobytes("VmHWM"));
    }

    /// <summary>Ends the process as a power cut or OOM kill would: SIGKILL, no shutdown.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    public async Task<bool> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cancel.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    public HttpClient CreateClient() => new() { BaseAddress = BaseAddress };

    /// <summary>A client with the admin API key the process was started with (FaceAttendance:Admin:ApiKey).</summary>
    public HttpClient CreateAdminClient()
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", _apiKey ?? throw new InvalidOperationException("The app was started without FaceAttendance:Admin:ApiKey."));
        return client;
    }

    /// <summary>Adds and pairs a kiosk through this process's admin API over HTTP, as a script would.</summary>
    public async Task<PairedKioskClient> PairKioskAsync(string name = "Front door", bool withKey = true)
    {
        using var admin = CreateAdminClient();
        return await PairedKioskClient.PairAsync(admin, name, withKey: withKey);
    }

    /// <summary>A client that is this process's kiosk, paired on first use (<see cref="PairKioskAsync"/>).</summary>
    public async Task<HttpClient> CreateKioskClientAsync() => (_kiosk ??= await PairKioskAsync()).Authorise(CreateClient());

    public async Task WaitUntilHealthyAsync(bool requireHealthy = true)
    {
        using var client = CreateClient();
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(90))
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The app exited with {_process.ExitCode} before it was healthy:\n{Output}");
            }
            try
            {
                var status = (await client.GetAsync("/healthz")).StatusCode;
                if (status == HttpStatusCode.OK || (!requireHealthy && status == HttpStatusCode.ServiceUnavailable))
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            await Task.Delay(200);
        }
        throw new TimeoutException($"The app was not healthy within 90 s:\n{Output}");
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }

    /// <summary>A port nothing listens on now, on 127.0.0.1.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }
        _disposed = true;
        _kiosk?.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }
        await _process.WaitForExitAsync();
        _process.Dispose();
    }
}
