using System.ComponentModel.DataAnnotations;
using FaceAttendance.Web.Admin;
using FaceAttendance.Web.Data;
using FaceAttendance.Web.Http;
using FaceAttendance.Web.People;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace FaceAttendance.Web.Sites;

public sealed record DepartmentRequest(
    [Required, StringLength(100), PlainText, RegularExpression(PeopleApi.NotBlank, ErrorMessage = PeopleApi.BlankMessage)] string Name);

public sealed record DepartmentResponse(Guid Id, string Name, DateTime CreatedAt)
{
    public static DepartmentResponse From(Department d) => new(d.Id, d.Name, d.CreatedAt);
}

/// <summary><c>/api/departments</c>: every account lists them; Owners and Admins add, rename and delete one that nothing names.</summary>
internal static class DepartmentsApi
{
    public static RouteGroupBuilder MapDepartmentsApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/departments").RequireAuthorization(Policies.CanReadTimesheets).WithTags("Sites")
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        group.MapGet("", List);
        group.MapPost("", Add).RequireAuthorization(Policies.CanEditSites);
        group.MapPut("/{id:guid}", Rename).RequireAuthorization(Policies.CanEditSites);
        group.MapDelete("/{id:guid}", Delete).RequireAuthorization(Policies.CanEditSites)
            .WithDescription("Deletes a department no person or manager names (409 department-in-use otherwise).");
        return group;
    }

    public static async Task<Ok<DepartmentResponse[]>> List(AttendanceDbContext db, CancellationToken ct) =>
        TypedResults.Ok((await db.Departments.AsNoTracking().OrderBy(d => d.Name).ToListAsync(ct)).Select(DepartmentResponse.From).ToArray());

    public static async Task<Results<Created<DepartmentResponse>, ProblemHttpResult>> Add(
        DepartmentRequest body, AttendanceDbContext db, TimeProvider time, CancellationToken ct)
    {
        var department = new Department { Name = body.Name.Trim(), CreatedAt = time.GetUtcNow().UtcDateTime };
        db.Departments.Add(department);
        return await db.SaveUnlessDuplicateAsync(ct)
            ? TypedResults.Created($"/api/departments/{department.Id}", DepartmentResponse.From(department))
            : NameTaken(department.Name);
    }

    public static async Task<Results<Ok<DepartmentResponse>, ProblemHttpResult>> Rename(Guid id, DepartmentRequest body, AttendanceDbContext db, CancellationToken ct)
    {
        if (await db.Departments.FindAsync([id], ct) is not { } department)
        {
            return DepartmentNotFound(id);
        }
        department.Name = body.Name.Trim();
        return await db.SaveUnlessDuplicateAsync(ct) ? TypedResults.Ok(DepartmentResponse.From(department)) : NameTaken(department.Name);
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> Delete(Guid id, AttendanceDbContext db, CancellationToken ct)
    {
        if (await db.Departments.FindAsync([id], ct) is not { } department)
        {
            return DepartmentNotFound(id);
        }
        if (await db.People.AnyAsync(p => p.DepartmentId == id, ct) || await db.ManagerDepartments.AnyAsync(d => d.DepartmentId == id, ct))
        {
            return Problems.Of(StatusCodes.Status409Conflict, "department-in-use",
                $"{department.Name} is the department of people or a manager's: only a department nothing names can be deleted.");
        }
        db.Departments.Remove(department);
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }

    internal static ProblemHttpResult DepartmentNotFound(Guid id) => Problems.NotFound("department-not-found", $"There is no department with id {id}.");

    private static ProblemHttpResult NameTaken(string name) =>
        Problems.Of(StatusCodes.Status409Conflict, "department-name-taken", $"There is a department called '{name}' already.");
}
