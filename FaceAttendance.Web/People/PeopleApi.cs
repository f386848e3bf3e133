using System.ComponentModel.DataAnnotations;
using FaceAttendance.Web.Admin;
using FaceAttendance.Web.Http;
using FaceAttendance.Web.Data;
using FaceAttendance.Web.Sites;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace FaceAttendance.Web.People;

/// <summary><see cref="Consent"/>: the person has read the current biometric notice and agreed, recorded with the person.</summary>
public sealed record CreatePersonRequest([Required, StringLength(64), PlainText] string EmployeeId, [Required, StringLength(200), PlainText] string Name,
    [EmailAddress, StringLength(320)] string? Email, bool Consent = false, Guid? HomeSiteId = null, Guid? DepartmentId = null);

/// <summary>Only the fields present change (a home site or department can be changed, not removed).</summary>
public sealed record UpdatePersonRequest([StringLength(64), PlainText, RegularExpression(PeopleApi.NotBlank, ErrorMessage = PeopleApi.BlankMessage)] string? EmployeeId,
    [StringLength(200), PlainText, RegularExpression(PeopleApi.NotBlank, ErrorMessage = PeopleApi.BlankMessage)] string? Name,
    [EmailAddress, StringLength(320)] string? Email, Guid? HomeSiteId = null, Guid? DepartmentId = null);

public sealed record ConsentRecord(DateTime At, string NoticeVersion, string RecordedBy);

public sealed record PersonResponse(Guid Id, string EmployeeId, string Name, string? Email, DateTime CreatedAt, int FaceCount, ConsentRecord? Consent,
    Guid? HomeSiteId, Guid? DepartmentId);

/// <summary>One face of a person; <see cref="LearnedAtKioskId"/> is the kiosk whose scan it was learned from (null: enrolled).</summary>
public sealed record FaceResponse(Guid Id, string ModelId, DateTime CreatedAt, Guid? LearnedAtKioskId);

public sealed record PersonDetails(Guid Id, string EmployeeId, string Name, string? Email, DateTime CreatedAt, IReadOnlyList<FaceResponse> Faces,
    ConsentRecord? Consent, Guid? HomeSiteId, Guid? DepartmentId);

internal static class PeopleApi
{
    internal const string NotBlank = @".*\S.*";
    internal const string BlankMessage = "The {0} field must not be blank.";

    public static RouteGroupBuilder MapPeopleApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/people").RequireAuthorization(Policies.CanRead).WithTags("People")
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        // reads are the group's; a write adds its own policy, and both apply
        group.MapPost("", Create).RequireAuthorization(Policies.CanEditPeople);
        group.MapGet("", List);
        group.MapGet("/{id:guid}", Get);
        group.MapPatch("/{id:guid}", Update).RequireAuthorization(Policies.CanEditPeople);
        group.MapDelete("/{id:guid}", Delete).RequireAuthorization(Policies.CanEditPeople);
        group.MapPost("/{id:guid}/consent", RecordConsent).RequireAuthorization(Policies.CanEditPeople)
            .WithDescription("Records that the person read the current biometric notice (FaceAttendance:Consent:NoticeVersion) and agreed.");
        // a data-subject export holds every photo and event of the person: answered by those who edit people
        group.MapGet("/{id:guid}/export", PersonExport.Export).RequireAuthorization(Policies.CanEditPeople).Produces(StatusCodes.Status200OK, contentType: "application/zip")
            .WithDescription("Everything held about the person, for a data-subject access request: details, consent, events, photos and snapshots.");
        return group;
    }

    public static async Task<Results<Created<PersonResponse>, ProblemHttpResult>> Create(
        CreatePersonRequest body, HttpContext http, AttendanceDbContext db, AccessScope scope, ConsentOptions consent, TimeProvider time, CancellationToken ct)
    {
        if (await scope.PlacementRefusalAsync(body.HomeSiteId, body.DepartmentId, ct) is { } refusal)
        {
            return refusal.ToProblem();
        }
        var person = NewPerson(body.EmployeeId, body.Name, body.Email, time);
        (person.HomeSiteId, person.DepartmentId) = (body.HomeSiteId, body.DepartmentId);
        if (body.Consent)
        {
            StampConsent(person, http, consent, time);
        }
        db.People.Add(person);
        if (!await db.SaveUnlessDuplicateAsync(ct))
        {
            return EmployeeIdTaken(person.EmployeeId);
        }
        return TypedResults.Created($"/api/people/{person.Id}", Response(person, 0));
    }

    public static async Task<Results<Ok<PersonResponse>, ProblemHttpResult>> RecordConsent(
        Guid id, HttpContext http, AttendanceDbContext db, AccessScope scope, ConsentOptions consent, TimeProvider time, CancellationToken ct)
    {
        if (await scope.People().Include(p => p.Faces).SingleOrDefaultAsync(p => p.Id == id, ct) is not { } person)
        {
            return PersonNotFound(id);
        }
        StampConsent(person, http, consent, time);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(Response(person, person.Faces.Count));
    }

    /// <summary>Consent to the current notice, by the signed-in admin, now; the audit log keeps each recording.</summary>
    internal static void StampConsent(Person person, HttpContext http, ConsentOptions consent, TimeProvider time)
    {
        person.ConsentedAt = time.GetUtcNow().UtcDateTime;
        person.ConsentNoticeVersion = consent.NoticeVersion;
        person.ConsentRecordedBy = AuditTrail.Actor(http);
    }

    internal static ConsentRecord? ConsentOf(Person person) => person.ConsentedAt is { } at
        ? new ConsentRecord(at, person.ConsentNoticeVersion!, person.ConsentRecordedBy!)
        : null;

    private static PersonResponse Response(Person person, int faceCount) =>
        new(person.Id, person.EmployeeId, person.Name, person.Email, person.CreatedAt, faceCount, ConsentOf(person), person.HomeSiteId, person.DepartmentId);

    /// <summary>People whose name, employee id or email contains <paramref name="search"/>, by name; of one home site or
    /// department when asked.</summary>
    public static async Task<Ok<Page<PersonResponse>>> List(
        string? search, Guid? siteId, Guid? departmentId, int? page, int? pageSize, AccessScope scope, CancellationToken ct)
    {
        var query = scope.People(siteId, departmentId).Matching(search).OrderBy(p => p.Name).ThenBy(p => p.EmployeeId)
            .Select(p => new PersonResponse(p.Id, p.EmployeeId, p.Name, p.Email, p.CreatedAt, p.Faces.Count,
                p.ConsentedAt == null ? null : new ConsentRecord(p.ConsentedAt.Value, p.ConsentNoticeVersion!, p.ConsentRecordedBy!),
                p.HomeSiteId, p.DepartmentId));
        return TypedResults.Ok(await query.ToPageAsync(page, pageSize, ct));
    }

    public static async Task<Results<Ok<PersonDetails>, ProblemHttpResult>> Get(Guid id, AccessScope scope, CancellationToken ct)
    {
        var person = await scope.People().AsNoTracking().Include(p => p.Faces).SingleOrDefaultAsync(p => p.Id == id, ct);
        return person is null
            ? PersonNotFound(id)
            : TypedResults.Ok(new PersonDetails(person.Id, person.EmployeeId, person.Name, person.Email, person.CreatedAt,
                [.. person.Faces.OrderBy(f => f.CreatedAt).Select(f => new FaceResponse(f.Id, f.ModelId, f.CreatedAt, f.LearnedAtKioskId))], ConsentOf(person),
                person.HomeSiteId, person.DepartmentId));
    }

    public static async Task<Results<Ok<PersonResponse>, ProblemHttpResult>> Update(
        Guid id, UpdatePersonRequest body, AttendanceDbContext db, AccessScope scope, CancellationToken ct)
    {
        if (await scope.People().Include(p => p.Faces).SingleOrDefaultAsync(p => p.Id == id, ct) is not { } person)
        {
            return PersonNotFound(id);
        }
        var (homeSiteId, departmentId) = (body.HomeSiteId ?? person.HomeSiteId, body.DepartmentId ?? person.DepartmentId);
        if ((homeSiteId, departmentId) != (person.HomeSiteId, person.DepartmentId)
            && await scope.PlacementRefusalAsync(homeSiteId, departmentId, ct) is { } refusal)
        {
            return refusal.ToProblem();
        }
        (person.HomeSiteId, person.DepartmentId) = (homeSiteId, departmentId);
        var employeeId = body.EmployeeId?.Trim();
        person.EmployeeId = employeeId ?? person.EmployeeId;
        person.Name = body.Name?.Trim() ?? person.Name;
        person.Email = body.Email is null ? person.Email : OptionalEmail(body.Email);
        if (!await db.SaveUnlessDuplicateAsync(ct))
        {
            return EmployeeIdTaken(person.EmployeeId);
        }
        return TypedResults.Ok(Response(person, person.Faces.Count));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> Delete(Guid id, AccessScope scope, FaceEnrolment enrolment, CancellationToken ct) =>
        await scope.People().AnyAsync(p => p.Id == id, ct) && await enrolment.ErasePersonAsync(id, ct) ? TypedResults.NoContent() : PersonNotFound(id);

    /// <summary>
    /// A person as typed into the API or the admin page, trimmed: " E7" and "E7" must not be two employees. A blank
    /// e-mail is no e-mail.
    /// </summary>
    internal static Person NewPerson(string employeeId, string name, string? email, TimeProvider time) => new()
    {
        EmployeeId = employeeId.Trim(),
        Name = name.Trim(),
        Email = OptionalEmail(email),
        CreatedAt = time.GetUtcNow().UtcDateTime,
    };

    private static string? OptionalEmail(string? email) => string.IsNullOrWhiteSpace(email) ? null : email.Trim();

    internal static ProblemHttpResult PersonNotFound(Guid id) => Problems.NotFound("person-not-found", $"There is no person with id {id}.");

    private static ProblemHttpResult EmployeeIdTaken(string employeeId) =>
        Problems.Of(StatusCodes.Status409Conflict, "employee-id-taken", $"Employee id '{employeeId}' already belongs to someone.");
}
