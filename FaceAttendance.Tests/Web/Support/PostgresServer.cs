using System.Diagnostics;
using Npgsql;

namespace FaceAttendance.Tests.Web.Support;

/// <summary>
/// The PostgreSQL server on 127.0.0.1 that the tests share (env FACEATTENDANCE_TEST_POSTGRES overrides the connection
/// string): started with tools/postgres.sh when nothing answers. Every app or test class gets a database of its own.
/// </summary>
public static class PostgresServer
{
    /// <summary>The FaceAttendance:KeyRingKey every PostgreSQL app of the tests shares (the setting is required there).</summary>
    public const string KeyRingKey = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";

    // 15 s to connect: on a loaded two-core machine a new connection can take longer than Npgsql's usual wait
    private const string DefaultConnection = "Host=127.0.0.1;Port=5432;Username=postgres;Password=postgres;Timeout=15";
    private static readonly Lazy<Task<string>> Server = new(EnsureRunningAsync);

    /// <summary>Creates an empty database named after <paramref name="name"/>; returns its connection string.</summary>
    public static async Task<string> CreateDatabaseAsync(string name)
    {
        await using var connection = new NpgsqlConnection(await Server.Value);
        await connection.OpenAsync();
        await using var create = new NpgsqlCommand($"CREATE DATABASE \"{DatabaseName(name)}\"", connection);
        await create.ExecuteNonQueryAsync();
        return ConnectionString(name);
    }

    /// <summary>The connection string of the database <see cref="CreateDatabaseAsync"/> made for <paramref name="name"/>.</summary>
    public static string ConnectionString(string name) =>
        new NpgsqlConnectionStringBuilder(Server.Value.Result) { Database = DatabaseName(name) }.ConnectionString;

    public static async Task DropDatabaseAsync(string name)
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(await Server.Value);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{DatabaseName(name)}\" WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }

    private static string DatabaseName(string name) => ("fa_" + name.ToLowerInvariant().Replace('-', '_'))[..Math.Min(63, name.Length + 3)];

    private static async Task<string> EnsureRunningAsync()
    {
        var connectionString = Environment.GetEnvironmentVariable("FACEATTENDANCE_TEST_POSTGRES") ?? DefaultConnection;
        if (await TryConnectAsync(connectionString) is null)
        {
            return connectionString;
        }
        var script = Path.Combine(TestPaths.RepoRoot, "tools", "postgres.sh");
        using var start = Process.Start(new ProcessStartInfo("bash", [script]) { RedirectStandardError = true })!;
        var errors = await start.StandardError.ReadToEndAsync();
        await start.WaitForExitAsync();
        return await TryConnectAsync(connectionString) is { } failure
            ? throw new InvalidOperationException(
                $"PostgreSQL does not answer at '{connectionString}' ({failure}), and {script} could not start it " +
                $"(exit {start.ExitCode}): {errors}. Run it as root, or set FACEATTENDANCE_TEST_POSTGRES.")
            : connectionString;
    }

    private static async Task<string?> TryConnectAsync(string connectionString)
    {
        try
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync();
            return null;
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException)
        {
            return e.Message;
        }
    }
}
