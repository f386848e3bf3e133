using FaceAttendance.Web.Data;
using FaceAttendance.Web.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace FaceAttendance.Web.Attendance;

/// <summary>The person as the kiosk greets them: the name only, never an id.</summary>
public sealed record KioskPerson(string Name);

/// <summary>
/// What a kiosk is answered: only what it shows (the status, the name, the time, in or out, the first check-in of the day),
/// and the punches it may offer next with their sealed ticket (<see cref="PunchOffer"/>).
/// A scan is an identity lookup from any photo, so ids, similarities and liveness scores stay in the stored decision and
/// the event, for admins; a caller who could read them could tune an image past the matcher or the liveness check.
/// </summary>
public sealed record KioskAnswer(
    AttendanceStatus Status, KioskPerson? Person, DateTime RecordedAt, AttendanceKind? Kind, bool FirstToday, PunchOffer? Offer = null)
{
    /// <summary>The one refusal extension the kiosk reads: the poor-quality reasons it turns into advice.</summary>
    private const string Reasons = "reasons";

    public static KioskAnswer From(AttendanceResult result) =>
        new(result.Status, result.Person is { } person ? new KioskPerson(person.Name) : null, result.RecordedAt, result.Kind, result.FirstToday, result.Offer);

    /// <summary>The kiosk boundary, for every kiosk route: the answer, or the refusal's status, code, sentence and reasons
    /// without its scores (which <see cref="Faces.FaceProblems.ToRefusal"/> keeps for the authenticated enrolment API).</summary>
    public static Results<Ok<KioskAnswer>, ProblemHttpResult> Of(ScanOutcome outcome) =>
        outcome.Refusal is { } refusal ? Of(refusal) : TypedResults.Ok(From(outcome.Result!));

    public static ProblemHttpResult Of(Refusal refusal) =>
        (refusal with { Extensions = refusal.Extensions?.Where(e => e.Key == Reasons).ToDictionary() }).ToProblem();
}
