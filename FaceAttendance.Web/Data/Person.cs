namespace FaceAttendance.Web.Data;

/// <summary>Someone who can be recognised at the kiosk.</summary>
public sealed class Person
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required string EmployeeId { get; set; }
    public required string Name { get; set; }
    public string? Email { get; set; }
    public DateTime CreatedAt { get; set; }
    public List<Face> Faces { get; set; } = [];

    /// <summary>When the person agreed to the biometric notice (<see cref="ConsentNoticeVersion"/>), as recorded by
    /// <see cref="ConsentRecordedBy"/>; null until then, and no face is enrolled before it unless consent is not required.</summary>
    public DateTime? ConsentedAt { get; set; }
    public string? ConsentNoticeVersion { get; set; }
    public string? ConsentRecordedBy { get; set; }

    /// <summary>Where the person usually works, and their department: what a Manager's scope covers.</summary>
    public Guid? HomeSiteId { get; set; }
    public Guid? DepartmentId { get; set; }

    /// <summary>The PIN the person may use at a kiosk instead of their face (<see cref="Pins.PersonPin"/>), as a salted
    /// PBKDF2 hash; null when they have none.</summary>
    public string? PinHash { get; set; }
}
