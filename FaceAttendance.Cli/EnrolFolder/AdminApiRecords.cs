namespace FaceAttendance.Cli.EnrolFolder;

// The parts of the admin API's JSON that enrol-folder reads or sends (FaceAttendance.Web/People); unknown fields are ignored.

/// <summary>POST /api/people</summary>
/// <summary><see cref="Consent"/>: the person agreed to the biometric notice; the app records it with the person.</summary>
internal sealed record NewPerson(string EmployeeId, string Name, string? Email, bool Consent);

internal sealed record Person(Guid Id, string EmployeeId, string Name, int FaceCount);

/// <summary>GET /api/people?search=</summary>
internal sealed record PeoplePage(IReadOnlyList<Person> Items, int PageNumber, int PageSize, int Total);

/// <summary>GET /api/people/{id}</summary>
internal sealed record PersonWithFaces(Guid Id, IReadOnlyList<EnrolledFace> Faces);

internal sealed record EnrolledFace(Guid Id);

/// <summary>201 of POST /api/people/{id}/faces</summary>
internal sealed record NewFace(Guid FaceId);

/// <summary>A ProblemDetails body: the app's refusals carry a <see cref="Code"/>, validation failures carry <see cref="Errors"/>.</summary>
internal sealed record Problem(int? Status, string? Title, string? Detail, string? Code, IReadOnlyDictionary<string, string[]>? Errors)
{
    public string Describe() =>
        $"{Code ?? Status?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "error"}: " +
        (Errors is { Count: > 0 } ? string.Join("; ", Errors.SelectMany(e => e.Value)) : Detail ?? Title);
}
