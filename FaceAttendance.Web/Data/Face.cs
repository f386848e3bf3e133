using FaceAttendance.Web.Faces;

namespace FaceAttendance.Web.Data;

/// <summary>One enrolled photo of a person and the engine's template of the face in it.</summary>
public sealed class Face
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid PersonId { get; set; }
    public Person? Person { get; set; }

    /// <summary>The engine's template: an L2-normalised float32 embedding for the local engine.</summary>
    public required byte[] Embedding { get; set; }

    /// <summary>Engine model that produced <see cref="Embedding"/>; a different one at start triggers re-embedding.</summary>
    public required string ModelId { get; set; }

    /// <summary>Object-store key of the enrolment photo, kept so faces can be re-embedded.</summary>
    public required string PhotoKey { get; set; }

    /// <summary>Where the face taken is in the photo, drawn on the person's page; null for faces enrolled before it was
    /// kept, and for an engine that does not tell.</summary>
    public PhotoFaceBox? Box { get; set; }

    public DateTime CreatedAt { get; set; }

    /// <summary>The kiosk whose scan this face was learned from (<see cref="People.KioskLearning"/>); null for a face an
    /// admin enrolled. No foreign key: kiosks are never deleted, and SQLite could add one only by rebuilding the table.</summary>
    public Guid? LearnedAtKioskId { get; set; }
}
