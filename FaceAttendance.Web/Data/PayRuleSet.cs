using FaceAttendance.Web.Hours;

namespace FaceAttendance.Web.Data;

/// <summary>The stored pay rules of the organisation, a site or a department (<see cref="PayRules"/> says what each
/// means); durations in minutes.</summary>
public sealed class PayRuleSet
{
    public const string Organisation = "organisation";

    /// <summary>Whose rules: <see cref="Organisation"/>, <c>site/{id}</c> or <c>department/{id}</c>; the key, so the
    /// database keeps one set per scope.</summary>
    public required string Scope { get; set; }
    public Guid? SiteId { get; set; }
    public Guid? DepartmentId { get; set; }
    public int RoundToMinutes { get; set; }
    public RoundingMode Rounding { get; set; }
    public BreakMode Breaks { get; set; }
    public int DeductBreakAfterMinutes { get; set; }
    public int DeductedBreakMinutes { get; set; }
    public int? DailyOvertimeAfterMinutes { get; set; }
    public int? WeeklyOvertimeAfterMinutes { get; set; }
    public int AutoCloseAfterMinutes { get; set; }
    public DateTime UpdatedAt { get; set; }

    public static string ScopeOf(Guid? siteId, Guid? departmentId) =>
        departmentId is { } department ? $"department/{department}" : siteId is { } site ? $"site/{site}" : Organisation;
}
