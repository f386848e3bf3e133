using System.ComponentModel.DataAnnotations;

namespace FaceAttendance.Web.Configuration;

/// <summary>The <c>FaceAttendance</c> configuration section; every key can be overridden by environment variables
/// (<c>FaceAttendance__Admin__Password</c>).</summary>
public sealed class FaceAttendanceOptions
{
    public const string Section = "FaceAttendance";

    /// <summary>Folder for the SQLite file and, with the local store, uploaded snapshots and enrolment photos.</summary>
    [Required]
    public string DataDir { get; set; } = "./data";

    public StorageOptions Storage { get; set; } = new();
    public EngineOptions Engine { get; set; } = new();
    public DatabaseOptions Database { get; set; } = new();

    /// <summary>Cosine similarity a face must reach to count as a match; unset means the engine's built-in threshold.</summary>
    [Range(0.0, 1.0)]
    public float? MatchThreshold { get; set; }

    /// <summary>A second recognition of the same person inside this window records nothing.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan DuplicateWindow { get; set; } = TimeSpan.FromMinutes(2);

    [Range(1, 3650)]
    public int SnapshotRetentionDays { get; set; } = 7;

    /// <summary>IANA or Windows time zone id that decides which day an event belongs to; unset means the machine's.</summary>
    public string? TimeZone { get; set; }

    public UploadOptions Uploads { get; set; } = new();
    public KioskOptions Kiosk { get; set; } = new();
    public AdminOptions Admin { get; set; } = new();
    public ConsentOptions Consent { get; set; } = new();
    public ForwardedHeadersTrust ForwardedHeaders { get; set; } = new();
    public MetricsOptions Metrics { get; set; } = new();

    /// <summary>Base64 of 32 random bytes (<c>openssl rand -base64 32</c>) that encrypts the Data Protection key ring
    /// in the database (<see cref="Storage.KeyRingKey"/>). Needed with PostgreSQL, where every instance must hold the
    /// same one; with SQLite, unset means one generated into DataDir/keyring.key.</summary>
    public string? KeyRingKey { get; set; }

    public string DataPath => Path.GetFullPath(DataDir);
}

public enum StorageProvider { Local, S3 }
public enum EngineProvider { Local, Rekognition }
public enum DatabaseProvider { Sqlite, Postgres }
public enum KioskDecision { Post, S3Event }

public sealed class StorageOptions
{
    public StorageProvider Provider { get; set; } = StorageProvider.Local;

    /// <summary>Most bytes DataDir may hold (database, photos, snapshots); past it, writes answer 507. 0: no quota.</summary>
    [Range(0, long.MaxValue)]
    public long QuotaBytes { get; set; }

    /// <summary>Free space the disk under DataDir must keep; below it, writes answer 507 and /healthz is Unhealthy, so
    /// the database never meets a full disk half-way through a write.</summary>
    [Range(0, long.MaxValue)]
    public long MinFreeBytes { get; set; } = 64L * 1024 * 1024;
}

public sealed class EngineOptions
{
    public EngineProvider Provider { get; set; } = EngineProvider.Local;
}

public sealed class DatabaseOptions
{
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

public sealed class UploadOptions
{
    /// <summary>Largest accepted image, for uploads, multipart posts and enrolment photos.</summary>
    [Range(1024, 15 * 1024 * 1024)]
    public long MaxBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>How long a pre-signed upload URL stays valid.</summary>
    [Range(typeof(TimeSpan), "00:00:10", "01:00:00")]
    public TimeSpan UrlLifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long after its URL was issued a snapshot can still be decided: the URL's lifetime, plus a minute
    /// for an upload made at its last moment to be posted to /attendance. An older key is refused, so a key someone
    /// saw cannot be used to check a person in later.</summary>
    public TimeSpan DecisionWindow => UrlLifetime + TimeSpan.FromMinutes(1);
}

public sealed class KioskOptions
{
    /// <summary>
    /// Requests each client address may make per minute to the anonymous kiosk endpoints (/presign, PUT /uploads,
    /// /attendance); 0 turns the limit off. A scan is 3 requests, so 300 lets one kiosk scan every 0.6 s.
    /// </summary>
    [Range(0, 1_000_000)]
    public int RequestsPerMinute { get; set; } = 300;

    /// <summary>
    /// Refuse a scan whose liveness score is below the engine's pass mark with 422 not-live. Off by default: no spoof
    /// photos were available to measure what the score stops, while 1 % of genuine dev faces fail it, so turning it on
    /// trades a small share of refused staff for an unmeasured protection. Every event records its score either way.
    /// Needs the local engine (Rekognition's search gives no liveness).
    /// </summary>
    public bool RequireLiveness { get; set; }

    /// <summary>What decides an uploaded snapshot: the kiosk's POST /attendance, or S3's ObjectCreated event calling the
    /// Lambda function (then the kiosk polls GET /attendance/{key}). Either way a snapshot is decided once.</summary>
    public KioskDecision Decision { get; set; } = KioskDecision.Post;

    /// <summary>The oldest scan a kiosk kept while offline that is still recorded, at its capture time, when it is sent.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "7.00:00:00")]
    public TimeSpan OfflineMaxAge { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Keep the snapshot of a face nobody matched (until retention deletes it), for review. Off by default:
    /// a scan that records nothing keeps no photo of anyone.</summary>
    public bool KeepUnknownSnapshots { get; set; }
}

/// <summary>Where the instruments of <see cref="Observability.AttendanceMetrics"/>, ASP.NET Core and the runtime go.</summary>
public sealed class MetricsOptions
{
    /// <summary>Serve them in Prometheus's text format at /metrics, to admins only (X-Api-Key, or the admin cookie).</summary>
    public bool Prometheus { get; set; }

    /// <summary>Push them over OTLP to this collector, e.g. http://collector:4317 (gRPC; for http/protobuf set
    /// OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf and the full path, http://collector:4318/v1/metrics); off when unset.</summary>
    public Uri? OtlpEndpoint { get; set; }
}

/// <summary>The reverse proxies whose X-Forwarded-For / X-Forwarded-Proto the app believes; empty: nobody's.</summary>
public sealed class ForwardedHeadersTrust
{
    /// <summary>Proxy addresses, e.g. "10.0.0.5".</summary>
    public List<string> KnownProxies { get; set; } = [];

    /// <summary>Proxy networks in CIDR form, e.g. "10.0.0.0/8".</summary>
    public List<string> KnownNetworks { get; set; } = [];
}

/// <summary>Biometric consent (GDPR art. 9, BIPA): recorded per person before their first face is enrolled.</summary>
public sealed class ConsentOptions
{
    /// <summary>Refuse to enrol a face until the person's consent is recorded. On by default; turn off only where
    /// another legal basis applies and is documented.</summary>
    public bool Required { get; set; } = true;

    /// <summary>The version of the notice people are shown and agree to; recorded with each consent, so a changed
    /// notice shows who agreed to which.</summary>
    [Required, StringLength(64, MinimumLength = 1)]
    public string NoticeVersion { get; set; } = "1";
}

public sealed class AdminOptions
{
    /// <summary>The shortest configured key or password the app accepts (generated ones are far longer).</summary>
    public const int MinimumSecretLength = 12;

    /// <summary>Key for the X-Api-Key header; generated at first start when unset.</summary>
    public string? ApiKey { get; set; }

    /// <summary>Password of the admin pages; generated at first start when unset.</summary>
    public string? Password { get; set; }
}
