using FaceAttendance.Web.Configuration;
using FaceAttendance.Web.Data;
using FaceAttendance.Web.Pins;
using FaceAttendance.Web.Sites;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace FaceAttendance.Web.Pages.Admin.Sites;

/// <summary>Sites and departments with what names them: add, rename, change a site's time zone, delete one nothing names.
/// Each form calls <see cref="SitesApi"/> or <see cref="DepartmentsApi"/> and binds its request record, so the page
/// refuses what the API refuses, with the API's sentence.</summary>
public sealed class IndexModel(AttendanceDbContext db, AttendanceCalendar calendar, TimeProvider time) : PageModel
{
    private const string MessageKey = "SitesMessage";

    public sealed record SiteRow(Guid Id, string Name, string TimeZone, PunchMode PunchMode, int MinimumGapMinutes, int Kiosks, int People, bool PinsEnabled);

    public sealed record DepartmentRow(Guid Id, string Name, int People);

    public IReadOnlyList<SiteRow> Sites { get; private set; } = [];
    public IReadOnlyList<DepartmentRow> Departments { get; private set; } = [];

    /// <summary>A new site's zone unless changed: the app's own, as the API's default.</summary>
    public string DefaultTimeZone => calendar.TimeZone.Id;

    public string? Message => TempData[MessageKey] as string;

    public async Task OnGetAsync(CancellationToken ct)
    {
        Sites = await db.Sites.AsNoTracking().OrderBy(s => s.Name)
            .Select(s => new { Site = s, Kiosks = db.Kiosks.Count(k => k.SiteId == s.Id), People = db.People.Count(p => p.HomeSiteId == s.Id) })
            .AsAsyncEnumerable()
            .Select(s => new SiteRow(s.Site.Id, s.Site.Name, s.Site.TimeZone, s.Site.PunchMode, (int)s.Site.MinimumGap.TotalMinutes, s.Kiosks, s.People, !s.Site.PinsDisabled))
            .ToListAsync(ct);
        Departments = await db.Departments.AsNoTracking().OrderBy(d => d.Name)
            .Select(d => new DepartmentRow(d.Id, d.Name, db.People.Count(p => p.DepartmentId == d.Id)))
            .ToListAsync(ct);
    }

    public async Task<IActionResult> OnPostAddSiteAsync([Bind(Prefix = "NewSite")] SiteRequest site, CancellationToken ct) =>
        await Outcome(ModelState.IsValid ? (await SitesApi.Add(site, db, calendar, time, ct)).Result : null, () => $"Added the site {site.Name.Trim()}.", ct);

    public async Task<IActionResult> OnPostUpdateSiteAsync(Guid id, [Bind(Prefix = "Site")] SiteRequest site, CancellationToken ct) =>
        await Outcome(ModelState.IsValid ? (await SitesApi.Update(id, site, db, ct)).Result : null,
            () => $"Saved the site {site.Name.Trim()} ({site.TimeZone}); its kiosks show the new name.", ct);

    public async Task<IActionResult> OnPostDeleteSiteAsync(Guid id, CancellationToken ct) =>
        await Outcome((await SitesApi.Delete(id, db, ct)).Result, () => "The site was deleted.", ct);

    public async Task<IActionResult> OnPostSitePinsAsync(Guid id, bool enabled, CancellationToken ct) =>
        await Outcome((await PinsApi.SetSitePins(id, new SitePinsRequest(enabled), db, ct)).Result,
            () => enabled ? "PINs are on at the site's kiosks." : "PINs are off at the site's kiosks: they hide \"Use PIN\".", ct);

    public async Task<IActionResult> OnPostAddDepartmentAsync([Bind(Prefix = "NewDepartment")] DepartmentRequest department, CancellationToken ct) =>
        await Outcome(ModelState.IsValid ? (await DepartmentsApi.Add(department, db, time, ct)).Result : null,
            () => $"Added the department {department.Name.Trim()}.", ct);

    public async Task<IActionResult> OnPostRenameDepartmentAsync(Guid id, [Bind(Prefix = "Department")] DepartmentRequest department, CancellationToken ct) =>
        await Outcome(ModelState.IsValid ? (await DepartmentsApi.Rename(id, department, db, ct)).Result : null,
            () => $"Renamed the department to {department.Name.Trim()}.", ct);

    public async Task<IActionResult> OnPostDeleteDepartmentAsync(Guid id, CancellationToken ct) =>
        await Outcome((await DepartmentsApi.Delete(id, db, ct)).Result, () => "The department was deleted.", ct);

    /// <param name="result">the API handler's answer; null when the form's fields were refused before calling it.</param>
    private async Task<IActionResult> Outcome(IResult? result, Func<string> done, CancellationToken ct)
    {
        switch (result)
        {
            case ProblemHttpResult { StatusCode: StatusCodes.Status404NotFound }:
                return NotFound();
            case ProblemHttpResult problem:
                ModelState.AddModelError(string.Empty, problem.ProblemDetails.Detail!);
                break;
            case not null:
                TempData[MessageKey] = done();
                return RedirectToPage();
        }
        await OnGetAsync(ct);
        return Page();
    }
}
