using FaceAttendance.Web.Admin;
using FaceAttendance.Web.Data;
using FaceAttendance.Web.Http;
using FaceAttendance.Web.People;
using FaceAttendance.Web.Sites;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace FaceAttendance.Web.Hours;

/// <summary>A person's or a department's schedule: every account that reads timesheets reads those in its scope; Owners,
/// Admins and Managers (for the people and departments they cover, <see cref="AccessScope"/>) replace them. A person
/// with a schedule of their own follows it, the others their department's.</summary>
internal static class SchedulesApi
{
    public static RouteGroupBuilder MapSchedulesApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api").RequireAuthorization(Policies.CanReadTimesheets).WithTags("Hours")
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        group.MapGet("/people/{personId:guid}/schedule", ReadPerson);
        group.MapPut("/people/{personId:guid}/schedule", ReplacePerson).RequireAuthorization(Policies.CanEditSchedules)
            .WithDescription("Replaces the person's weekly shifts and one-off changes (an empty schedule: they follow their department's).");
        group.MapGet("/departments/{departmentId:guid}/schedule", ReadDepartment);
        group.MapPut("/departments/{departmentId:guid}/schedule", ReplaceDepartment).RequireAuthorization(Policies.CanEditSchedules)
            .WithDescription("Replaces the department's weekly shifts and one-off changes, which its people without their own follow.");
        return group;
    }

    public static async Task<Results<Ok<ScheduleLines>, ProblemHttpResult>> ReadPerson(Guid personId, AccessScope scope, AttendanceDbContext db, CancellationToken ct) =>
        await scope.People().AnyAsync(p => p.Id == personId, ct)
            ? TypedResults.Ok(await Schedules.ReadAsync(db, personId, null, ct))
            : PeopleApi.PersonNotFound(personId);

    public static async Task<Results<Ok<ScheduleLines>, ProblemHttpResult>> ReplacePerson(
        Guid personId, ScheduleLines body, AccessScope scope, AttendanceDbContext db, HttpContext http, TimeProvider time, CancellationToken ct)
    {
        if (await scope.People().Where(p => p.Id == personId).Select(p => p.Name).SingleOrDefaultAsync(ct) is not { } name)
        {
            return PeopleApi.PersonNotFound(personId);
        }
        if (body.Refusal() is { } refusal)
        {
            return refusal.ToProblem();
        }
        await Schedules.ReplaceAsync(db, http, time, personId, null, name, body, ct);
        return TypedResults.Ok(await Schedules.ReadAsync(db, personId, null, ct));
    }

    public static async Task<Results<Ok<ScheduleLines>, ProblemHttpResult>> ReadDepartment(
        Guid departmentId, AccessScope scope, AttendanceDbContext db, CancellationToken ct) =>
        await scope.Departments().AnyAsync(d => d.Id == departmentId, ct)
            ? TypedResults.Ok(await Schedules.ReadAsync(db, null, departmentId, ct))
            : DepartmentsApi.DepartmentNotFound(departmentId);

    public static async Task<Results<Ok<ScheduleLines>, ProblemHttpResult>> ReplaceDepartment(
        Guid departmentId, ScheduleLines body, AccessScope scope, AttendanceDbContext db, HttpContext http, TimeProvider time, CancellationToken ct)
    {
        if (await scope.Departments().Where(d => d.Id == departmentId).Select(d => d.Name).SingleOrDefaultAsync(ct) is not { } name)
        {
            return DepartmentsApi.DepartmentNotFound(departmentId);
        }
        if (body.Refusal() is { } refusal)
        {
            return refusal.ToProblem();
        }
        await Schedules.ReplaceAsync(db, http, time, null, departmentId, $"department {name}", body, ct);
        return TypedResults.Ok(await Schedules.ReadAsync(db, null, departmentId, ct));
    }
}
