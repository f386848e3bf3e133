using System.ComponentModel.DataAnnotations;
using FaceAttendance.Web.Data;
using FaceAttendance.Web.Hours;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace FaceAttendance.Web.Pages.Admin.PayRules;

/// <summary>The organisation's, each site's and each department's pay rules; one scope edited at a time (no siteId nor
/// departmentId: the organisation's). Saved and removed through <see cref="PayRulesApi"/>'s own handlers, so the page
/// checks, stores and audits exactly as <c>PUT /api/pay-rules</c> does.</summary>
public sealed class IndexModel(AttendanceDbContext db, TimeProvider time) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid? SiteId { get; set; }

    [BindProperty(SupportsGet = true)]
    public Guid? DepartmentId { get; set; }

    [BindProperty]
    public RulesForm Rules { get; set; } = RulesForm.From(null);

    /// <summary>Every scope with the rules its people follow, in words.</summary>
    public IReadOnlyList<ScopeRow> Scopes { get; private set; } = [];

    /// <summary>The scope being edited ("the organisation", "site Lisbon"); null when the one asked for does not exist.</summary>
    public string? Editing { get; private set; }

    /// <summary>The edited scope's own rules; null when it follows the next ones up.</summary>
    public PayRuleSet? OwnRules { get; private set; }

    public bool HasOwnRules => OwnRules is not null;

    [TempData]
    public string? Message { get; set; }

    public sealed record ScopeRow(string Name, Guid? SiteId, Guid? DepartmentId, string Rules, bool Own);

    /// <summary>The form's fields, in the API's units (minutes); an empty overtime threshold means no overtime.</summary>
    public sealed class RulesForm
    {
        public int RoundToMinutes { get; set; }
        public RoundingMode Rounding { get; set; }
        public BreakMode Breaks { get; set; }
        public int DeductBreakAfterMinutes { get; set; }
        public int DeductedBreakMinutes { get; set; }
        public int? DailyOvertimeAfterMinutes { get; set; }
        public int? WeeklyOvertimeAfterMinutes { get; set; }
        public int AutoCloseAfterMinutes { get; set; }

        public static RulesForm From(PayRuleSet? set) => set is null
            ? new() { DeductBreakAfterMinutes = (int)Hours.PayRules.Default.DeductBreakAfter.TotalMinutes, AutoCloseAfterMinutes = (int)Hours.PayRules.Default.AutoCloseAfter.TotalMinutes }
            : new()
            {
                RoundToMinutes = set.RoundToMinutes, Rounding = set.Rounding, Breaks = set.Breaks, DeductBreakAfterMinutes = set.DeductBreakAfterMinutes,
                DeductedBreakMinutes = set.DeductedBreakMinutes, DailyOvertimeAfterMinutes = set.DailyOvertimeAfterMinutes,
                WeeklyOvertimeAfterMinutes = set.WeeklyOvertimeAfterMinutes, AutoCloseAfterMinutes = set.AutoCloseAfterMinutes,
            };
    }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await ListAsync(ct))
        {
            return NotFound();
        }
        Rules = RulesForm.From(OwnRules);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await ListAsync(ct))
        {
            return NotFound();
        }
        var request = new PayRulesRequest(SiteId, DepartmentId, Rules.RoundToMinutes, Rules.Rounding, Rules.Breaks, Rules.DeductBreakAfterMinutes,
            Rules.DeductedBreakMinutes, Rules.DailyOvertimeAfterMinutes, Rules.WeeklyOvertimeAfterMinutes, Rules.AutoCloseAfterMinutes);
        // the API's own checks: the request's attributes, then its handler
        var errors = new List<ValidationResult>();
        if (!Validator.TryValidateObject(request, new ValidationContext(request), errors, validateAllProperties: true))
        {
            errors.ForEach(e => ModelState.AddModelError(nameof(Rules), e.ErrorMessage ?? "A rule is out of range."));
            return Page();
        }
        if ((await PayRulesApi.Set(request, db, time, ct)).Result is ProblemHttpResult refused)
        {
            ModelState.AddModelError(nameof(Rules), refused.ProblemDetails.Detail ?? refused.ProblemDetails.Title ?? "The rules were refused.");
            return Page();
        }
        Message = $"Pay rules of {Editing} saved.";
        return RedirectToPage(new { SiteId, DepartmentId });
    }

    public async Task<IActionResult> OnPostRemoveAsync(CancellationToken ct)
    {
        if (!await ListAsync(ct))
        {
            return NotFound();
        }
        Message = (await PayRulesApi.Remove(SiteId, DepartmentId, db, ct)).Result is ProblemHttpResult refused
            ? refused.ProblemDetails.Detail : $"Pay rules of {Editing} removed: its people follow the next rules up.";
        return RedirectToPage(new { SiteId, DepartmentId });
    }

    private string Scope => PayRuleSet.ScopeOf(SiteId, DepartmentId);

    /// <summary>Lists every scope and names the one being edited; false when it does not exist (or both ids were given).</summary>
    private async Task<bool> ListAsync(CancellationToken ct)
    {
        var sets = await db.PayRuleSets.AsNoTracking().ToDictionaryAsync(r => r.Scope, ct);
        var sites = await db.Sites.AsNoTracking().OrderBy(s => s.Name).Select(s => new { s.Id, s.Name }).ToListAsync(ct);
        var departments = await db.Departments.AsNoTracking().OrderBy(d => d.Name).Select(d => new { d.Id, d.Name }).ToListAsync(ct);
        string Words(string scope, string name, string otherwise) =>
            sets.TryGetValue(scope, out var set) ? HoursBook.Rules(set, $"{name}'s own rules").Describe() : otherwise;
        var organisation = Words(PayRuleSet.Organisation, "The organisation", Hours.PayRules.Default.Describe());
        Scopes =
        [
            new("The organisation", null, null, organisation, sets.ContainsKey(PayRuleSet.Organisation)),
            .. sites.Select(s => new ScopeRow($"Site {s.Name}", s.Id, null, Words(PayRuleSet.ScopeOf(s.Id, null), $"Site {s.Name}", "Follows the organisation's."), sets.ContainsKey(PayRuleSet.ScopeOf(s.Id, null)))),
            .. departments.Select(d => new ScopeRow($"Department {d.Name}", null, d.Id,
                Words(PayRuleSet.ScopeOf(null, d.Id), $"Department {d.Name}", "Follows each person's home site's, else the organisation's."), sets.ContainsKey(PayRuleSet.ScopeOf(null, d.Id)))),
        ];
        Editing = Scopes.SingleOrDefault(s => s.SiteId == SiteId && s.DepartmentId == DepartmentId)?.Name;
        OwnRules = sets.GetValueOrDefault(Scope);
        return Editing is not null;
    }
}
