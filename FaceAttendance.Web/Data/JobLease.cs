namespace FaceAttendance.Web.Data;

/// <summary>Who may run a background job until when, so only one instance runs it (see <see cref="JobLeases"/>).</summary>
public sealed class JobLease
{
    public required string Name { get; set; }
    public required string Holder { get; set; }

    /// <summary>Unix milliseconds: compared inside the database, so stored as a number on every provider.</summary>
    public long ExpiresAtUnixMs { get; set; }
}
