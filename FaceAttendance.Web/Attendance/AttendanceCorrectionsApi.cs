using FaceAttendance.Web.Admin;
using FaceAttendance.Web.Data;
using FaceAttendance.Web.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace FaceAttendance.Web.Attendance;

public sealed record VoidRequest(string? Reason);
public sealed record ReassignRequest(Guid PersonId, string? Reason);
/// <summary><see cref="SiteId"/>: where it happened; the person's home site when left out.</summary>
public sealed record AddEventRequest(Guid PersonId, AttendanceKind Kind, DateTimeOffset At, string? Reason, Guid? SiteId = null);

/// <summary>Corrections of the attendance log (<see cref="AttendanceCorrections"/>): each answers the event as it now
/// is, with every correction it has had.</summary>
internal static class AttendanceCorrectionsApi
{
    public static RouteGroupBuilder MapAttendanceCorrectionsApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/attendance").RequireAuthorization(Policies.CanCorrect).WithTags("Attendance")
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        group.MapPost("", Add).WithDescription("Adds a missing check-in or check-out, with the reason.");
        group.MapPost("/{eventId:guid}/void", Void).WithDescription("Voids an event: it stays in the log, marked, and counts nowhere.");
        group.MapPost("/{eventId:guid}/reassign", Reassign).WithDescription("Gives an event to the right person; the correction keeps whom it named.");
        return group;
    }

    public static async Task<Results<Created<AttendanceEventResponse>, ProblemHttpResult>> Add(AddEventRequest request, AttendanceCorrections corrections, AttendanceDbContext db, CancellationToken ct)
    {
        var outcome = await corrections.AddAsync(request.PersonId, request.Kind, request.At.UtcDateTime, request.SiteId, request.Reason, ct);
        return outcome.Event is { } added
            ? TypedResults.Created($"/api/attendance?personId={added.PersonId}", await AttendanceEventResponse.OfAsync(added, db, ct))
            : Problem(outcome);
    }

    public static async Task<Results<Ok<AttendanceEventResponse>, ProblemHttpResult>> Void(Guid eventId, VoidRequest request, AttendanceCorrections corrections, AttendanceDbContext db, CancellationToken ct) =>
        await RespondAsync(await corrections.VoidAsync(eventId, request.Reason, ct), db, ct);

    public static async Task<Results<Ok<AttendanceEventResponse>, ProblemHttpResult>> Reassign(Guid eventId, ReassignRequest request, AttendanceCorrections corrections, AttendanceDbContext db, CancellationToken ct) =>
        await RespondAsync(await corrections.ReassignAsync(eventId, request.PersonId, request.Reason, ct), db, ct);

    private static async Task<Results<Ok<AttendanceEventResponse>, ProblemHttpResult>> RespondAsync(CorrectionOutcome outcome, AttendanceDbContext db, CancellationToken ct) =>
        outcome.Event is { } corrected ? TypedResults.Ok(await AttendanceEventResponse.OfAsync(corrected, db, ct)) : Problem(outcome);

    private static ProblemHttpResult Problem(CorrectionOutcome outcome) => Problems.Of(outcome.Status, outcome.Code!, outcome.Detail!);
}
