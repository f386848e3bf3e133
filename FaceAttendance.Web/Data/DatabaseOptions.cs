using System.ComponentModel.DataAnnotations;
using FaceAttendance.Web.Configuration;
using FaceAttendance.Web.Storage;
using Microsoft.Extensions.Options;

namespace FaceAttendance.Web.Data;

public enum DatabaseProvider { Sqlite, Postgres }

/// <summary>The <c>FaceAttendance:Database</c> section.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "FaceAttendance:Database";

    /// <summary>The PostgreSQL connection string is <c>ConnectionStrings:Attendance</c>, the .NET convention.</summary>
    public const string ConnectionStringName = "Attendance";

    /// <summary>Sqlite keeps attendance.db in DataDir (one machine); Postgres lets many instances share one database.</summary>
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>The PostgreSQL password, when kept apart from the connection string: the string a plain setting, the
    /// password a secret (an SSM SecureString, see <see cref="SsmParameters"/>).</summary>
    public string? Password { get; set; }

    /// <summary>How often each instance reads the face-change table, so a face enrolled or deleted through another
    /// instance is recognised or forgotten here within about this long.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:01:00")]
    public TimeSpan ChangePollInterval { get; set; } = TimeSpan.FromMilliseconds(500);
}

/// <summary>What PostgreSQL needs besides its section: a connection string, and a key ring key every instance shares.</summary>
internal sealed class DatabaseOptionsValidator(IConfiguration configuration) : IValidateOptions<DatabaseOptions>
{
    public ValidateOptionsResult Validate(string? name, DatabaseOptions options)
    {
        if (options.Provider != DatabaseProvider.Postgres)
        {
            return ValidateOptionsResult.Success;
        }
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(configuration.GetConnectionString(DatabaseOptions.ConnectionStringName)))
        {
            failures.Add($"FaceAttendance:Database:Provider 'Postgres' needs ConnectionStrings:{DatabaseOptions.ConnectionStringName} " +
                $"(environment variable ConnectionStrings__{DatabaseOptions.ConnectionStringName}), e.g. 'Host=db;Database=attendance;Username=app;Password=...'.");
        }
        // read from the configuration, not KeyRingOptions: a malformed key is reported once, by KeyRingOptionsValidator
        if (string.IsNullOrEmpty(configuration[KeyRingOptions.ConfigurationKey]))
        {
            failures.Add("FaceAttendance:Database:Provider 'Postgres' needs FaceAttendance:KeyRingKey (environment variable FaceAttendance__KeyRingKey), " +
                "the same on every instance, to encrypt the shared key ring; generate one with 'openssl rand -base64 32'.");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
