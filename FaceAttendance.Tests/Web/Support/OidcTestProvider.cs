using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace FaceAttendance.Tests.Web.Support;

/// <summary>A real OpenID Connect provider for a test class: <c>tools/oidc-test-provider</c> (oidc-provider, OpenID-certified)
/// as a node child process on a free 127.0.0.1 port, with one client for the in-memory app (its callback
/// <see cref="RedirectUri"/>) and the users a test puts in with <see cref="SetUserAsync"/>; ready once its discovery
/// document answers, killed at the end.</summary>
public sealed class OidcTestProvider : IAsyncLifetime
{
    public const string ClientId = "face-attendance";
    public const string ClientSecret = "oidc-test-provider-client-secret";
    /// <summary>The in-memory app's callback: its host is always http://localhost.</summary>
    public const string RedirectUri = "http://localhost/signin-oidc";

    private static readonly string Folder = Path.Combine(TestPaths.RepoRoot, "tools", "oidc-test-provider");
    private readonly string _usersFile = Path.Combine(Path.GetTempPath(), $"fa-oidc-users-{Guid.NewGuid():N}.json");
    private readonly Dictionary<string, object> _users = [];
    private readonly StringBuilder _output = new();
    private Process? _process;

    public Uri Authority { get; private set; } = null!;

    /// <summary>Puts a user in (or changes one): the provider reads the file again at each sign-in.</summary>
    public Task SetUserAsync(string subject, string email, bool emailVerified, params string[] groups)
    {
        _users[subject] = new { email, email_verified = emailVerified, name = $"Test user {subject}", groups };
        return File.WriteAllTextAsync(_usersFile, JsonSerializer.Serialize(_users));
    }

    /// <summary>The app's FaceAttendance:Oidc settings for this provider: Contoso, its domain allowed, two groups mapped.</summary>
    public Dictionary<string, string?> AppSettings() => new()
    {
        ["FaceAttendance:Oidc:Authority"] = Authority.ToString(),
        ["FaceAttendance:Oidc:ClientId"] = ClientId,
        ["FaceAttendance:Oidc:ClientSecret"] = ClientSecret,
        ["FaceAttendance:Oidc:DisplayName"] = "Contoso",
        ["FaceAttendance:Oidc:Scopes:0"] = "groups",
        ["FaceAttendance:Oidc:RoleMap:fa-admins"] = "Admin",
        ["FaceAttendance:Oidc:RoleMap:fa-payroll"] = "Payroll",
        ["FaceAttendance:Oidc:AllowedDomains:0"] = "contoso.com",
        ["FaceAttendance:Oidc:RequireHttpsMetadata"] = "false",
    };

    public async Task InitializeAsync()
    {
        if (!File.Exists(Path.Combine(Folder, "node_modules", "oidc-provider", "package.json")))
        {
            throw new InvalidOperationException($"oidc-provider is not installed in {Folder}: run tools/prepare-tests.sh (it needs Node >= 20 and npm).");
        }
        await File.WriteAllTextAsync(_usersFile, "{}");
        var port = AppProcess.FreePort();
        Authority = new Uri($"http://127.0.0.1:{port}");
        try
        {
            _process = Process.Start(new ProcessStartInfo("node", ["provider.mjs", "--port", $"{port}", "--client-id", ClientId,
                "--client-secret", ClientSecret, "--redirect-uri", RedirectUri, "--users", _usersFile])
            {
                WorkingDirectory = Folder,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            })!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException("node could not be started: install Node >= 20 and run tools/prepare-tests.sh.", e);
        }
        _process.OutputDataReceived += (_, line) => Append(line.Data);
        _process.ErrorDataReceived += (_, line) => Append(line.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        await WaitForDiscoveryAsync();
    }

    private async Task WaitForDiscoveryAsync()
    {
        using var client = new HttpClient();
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(30))
        {
            if (_process!.HasExited)
            {
                break;
            }
            try
            {
                if ((await client.GetAsync(new Uri(Authority, ".well-known/openid-configuration"))).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            await Task.Delay(100);
        }
        lock (_output)
        {
            throw new InvalidOperationException($"The OIDC test provider did not serve its discovery document:\n{_output}");
        }
    }

    private void Append(string? line)
    {
        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    public async Task DisposeAsync()
    {
        if (_process is not null)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
            _process.Dispose();
        }
        File.Delete(_usersFile);
    }
}
