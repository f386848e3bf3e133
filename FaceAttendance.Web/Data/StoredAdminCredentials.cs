namespace FaceAttendance.Web.Data;

/// <summary>The generated admin credentials, hashed, shared by every instance (one row, <see cref="Id"/> 1).</summary>
public sealed class StoredAdminCredentials
{
    public const int SingletonId = 1;

    public int Id { get; set; } = SingletonId;
    public required string ApiKeySha256 { get; set; }
    public required string PasswordHash { get; set; }
}
