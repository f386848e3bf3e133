namespace FaceAttendance.Web.Admin;

/// <summary>A named API key for one integration, with one role (<see cref="Roles"/>). The key is
/// <c>fa_{Prefix}_{secret}</c>: shown once when made; only its SHA-256 is kept, and the prefix, which lets the
/// handler find the row and people recognise the key.</summary>
public sealed class ApiKey
{
    public const int MaxNameLength = 50;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required string Name { get; set; }
    public required string Role { get; set; }
    public required string Prefix { get; set; }
    public required string SecretSha256 { get; set; }
    public DateTime CreatedAt { get; set; }
    public required string CreatedBy { get; set; }

    /// <summary>Recorded at most once a minute (<see cref="ApiKeyAuthenticationHandler"/>).</summary>
    public DateTime? LastUsedAt { get; set; }

    public DateTime? RevokedAt { get; set; }
}
