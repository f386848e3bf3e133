using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace FaceAttendance.Web.Configuration;

/// <summary>Checks what data annotations on the section itself cannot: the annotations of its sub-sections (which
/// ValidateDataAnnotations does not descend into), the PostgreSQL connection string and the time zone id, so a wrong
/// setting stops the app at start with a message that says what to do.</summary>
internal sealed class FaceAttendanceOptionsValidator(IConfiguration configuration) : IValidateOptions<FaceAttendanceOptions>
{
    public ValidateOptionsResult Validate(string? name, FaceAttendanceOptions options)
    {
        var failures = new List<string>();
        // every sub-section, so an annotation added to any of them later is checked too
        (string, object)[] sections =
        [
            ("Storage", options.Storage), ("Engine", options.Engine), ("Database", options.Database),
            ("Uploads", options.Uploads), ("Kiosk", options.Kiosk), ("Admin", options.Admin), ("Consent", options.Consent),
        ];
        foreach (var (sectionName, section) in sections)
        {
            var results = new List<ValidationResult>();
            Validator.TryValidateObject(section, new ValidationContext(section), results, validateAllProperties: true);
            failures.AddRange(results.Select(result => $"FaceAttendance:{sectionName}: {result.ErrorMessage}"));
        }
        if (options.Database.Provider == DatabaseProvider.Postgres && string.IsNullOrWhiteSpace(configuration.GetConnectionString(DatabaseOptions.ConnectionStringName)))
        {
            failures.Add($"FaceAttendance:Database:Provider 'Postgres' needs ConnectionStrings:{DatabaseOptions.ConnectionStringName} " +
                $"(environment variable ConnectionStrings__{DatabaseOptions.ConnectionStringName}), e.g. 'Host=db;Database=attendance;Username=app;Password=...'.");
        }
        if (options.KeyRingKey is { Length: > 0 } keyRingKey && !IsKeyRingKey(keyRingKey))
        {
            failures.Add($"FaceAttendance:KeyRingKey must be base64 of {Storage.KeyRingKey.Size} bytes; generate one with 'openssl rand -base64 32'.");
        }
        else if (options.KeyRingKey is not { Length: > 0 } && options.Database.Provider == DatabaseProvider.Postgres)
        {
            failures.Add("FaceAttendance:Database:Provider 'Postgres' needs FaceAttendance:KeyRingKey (environment variable FaceAttendance__KeyRingKey), " +
                "the same on every instance, to encrypt the shared key ring; generate one with 'openssl rand -base64 32'.");
        }
        failures.AddRange(options.ForwardedHeaders.KnownProxies.Where(proxy => !System.Net.IPAddress.TryParse(proxy, out _))
            .Select(proxy => $"FaceAttendance:ForwardedHeaders:KnownProxies '{proxy}' is not an IP address."));
        failures.AddRange(options.ForwardedHeaders.KnownNetworks.Where(network => !System.Net.IPNetwork.TryParse(network, out _))
            .Select(network => $"FaceAttendance:ForwardedHeaders:KnownNetworks '{network}' is not a network in CIDR form (e.g. 10.0.0.0/8)."));
        // a configured secret must be at least as hard to guess as a 12-character password; empty means "generate one"
        foreach (var (key, value) in new[] { ("ApiKey", options.Admin.ApiKey), ("Password", options.Admin.Password) })
        {
            if (value is { Length: > 0 and < AdminOptions.MinimumSecretLength })
            {
                failures.Add($"FaceAttendance:Admin:{key} is {value.Length} characters; use at least {AdminOptions.MinimumSecretLength}, or leave it unset to have one generated.");
            }
        }
        if (options.Kiosk.RequireLiveness && options.Engine.Provider != EngineProvider.Local)
        {
            failures.Add("FaceAttendance:Kiosk:RequireLiveness needs the local engine: Amazon Rekognition's face search gives no liveness score.");
        }
        if (options.Kiosk.Decision == KioskDecision.S3Event && options.Storage.Provider != StorageProvider.S3)
        {
            failures.Add("FaceAttendance:Kiosk:Decision 'S3Event' needs FaceAttendance:Storage:Provider 'S3': only an S3 bucket sends the events.");
        }
        if (options.Metrics.OtlpEndpoint is { IsAbsoluteUri: false } otlp)
        {
            failures.Add($"FaceAttendance:Metrics:OtlpEndpoint '{otlp}' is not an absolute URL (e.g. http://collector:4317).");
        }
        if (options.TimeZone is { Length: > 0 } zone && !TimeZoneInfo.TryFindSystemTimeZoneById(zone, out _))
        {
            failures.Add($"FaceAttendance:TimeZone '{zone}' is not a time zone this machine knows (try an IANA id such as 'Europe/London').");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static bool IsKeyRingKey(string value)
    {
        var bytes = new byte[Storage.KeyRingKey.Size + 1];
        return Convert.TryFromBase64String(value, bytes, out var written) && written == Storage.KeyRingKey.Size;
    }
}
