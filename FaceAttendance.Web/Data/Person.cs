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
}
