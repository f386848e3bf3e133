using FaceAttendance.Web.Attendance;
using FaceAttendance.Web.Configuration;
using FaceAttendance.Web.Data;
using FaceAttendance.Web.Kiosks;
using FaceAttendance.Web.Sites;
using FaceAttendance.Web.Storage;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using FaceAttendance.Web.Localization;

namespace FaceAttendance.Web.Pages.Admin.Attendance;

/// <summary>The attendance log, newest first, filtered by day range, person and whether kiosks recorded it offline, with a
/// CSV export of the same range, and the PIN punches alone to review them; each event shows the snapshot it was recorded from (until retention deletes it), the kiosk
/// that made it, its similarity and its liveness score.</summary>
public sealed class IndexModel(AttendanceDbContext db, AccessScope scope, AttendanceCalendar calendar, TimeProvider time, SnapshotRetentionOptions retention, IStringLocalizer<AdminTexts> texts) : PageModel
{
    private const int PageSize = 50;

    [BindProperty(SupportsGet = true)]
    public DateOnly? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? To { get; set; }

    [BindProperty(SupportsGet = true)]
    public Guid? PersonId { get; set; }

    /// <summary>true: only events recorded offline; false: only live ones; null: all.</summary>
    [BindProperty(SupportsGet = true)]
    public bool? Offline { get; set; }

    /// <summary>Pin: only the PIN punches, to review; Face: only face scans; null: all.</summary>
    [BindProperty(SupportsGet = true)]
    public AttendanceMethod? Method { get; set; }

    [BindProperty(SupportsGet = true)]
    public Guid? SiteId { get; set; }

    [BindProperty(SupportsGet = true)]
    public Guid? DepartmentId { get; set; }

    public SiteChoices Filters { get; private set; } = new([], []);

    [BindProperty(SupportsGet = true)]
    public int PageNumber { get; set; } = 1;

    public IReadOnlyList<Row> Events { get; private set; } = [];
    public IReadOnlyList<SelectListItem> People { get; private set; } = [];
    public bool HasNextPage { get; private set; }
    public int RetentionDays => retention.SnapshotRetentionDays;
    public string CsvUrl => $"/api/attendance.csv?from={From:yyyy-MM-dd}&to={To:yyyy-MM-dd}" + (Offline is { } offline ? $"&offline={(offline ? "true" : "false")}" : "")
        // only the filters chosen: the API refuses an empty id
        + (SiteId is { } site ? $"&siteId={site}" : "") + (DepartmentId is { } department ? $"&departmentId={department}" : "");

    public IReadOnlyList<SelectListItem> OfflineChoices =>
    [
        new(texts["attendance.all-events"], "", Offline is null),
        new(texts["attendance.only-offline"], "true", Offline == true),
        new(texts["attendance.only-live"], "false", Offline == false),
    ];

    public IReadOnlyList<SelectListItem> MethodChoices =>
    [
        new("Face or PIN", "", Method is null),
        new("PIN only (to review)", nameof(AttendanceMethod.Pin), Method == AttendanceMethod.Pin),
        new("Face only", nameof(AttendanceMethod.Face), Method == AttendanceMethod.Face),
    ];

    public Dictionary<string, string> FiltersWithPage(int page) => new()
    {
        ["from"] = $"{From:yyyy-MM-dd}",
        ["to"] = $"{To:yyyy-MM-dd}",
        ["personId"] = $"{PersonId}",
        ["offline"] = Offline is { } offline ? (offline ? "true" : "false") : "",
        ["method"] = $"{Method}",
        ["siteId"] = $"{SiteId}",
        ["departmentId"] = $"{DepartmentId}",
        ["pageNumber"] = $"{page}",
    };

    /// <param name="Erased">the person was erased since, and the snapshot with them (not by retention).</param>
    /// <param name="AddedByHand">a manager added it (a missing check-in or check-out): it never had a snapshot.</param>
    /// <param name="Kiosk">the name of the kiosk that made it; null when added by hand.</param>
    /// <param name="PinMismatch">for a PIN punch whose snapshot does not show the person, what it shows instead.</param>
    public sealed record Row(Guid Id, DateTime LocalTime, string Name, string EmployeeId, AttendanceKind Kind, float Similarity, float? Liveness,
        bool HasSnapshot, bool Erased, bool AddedByHand, bool Voided, IReadOnlyList<string> Corrections, bool RecordedOffline, string? Kiosk,
        bool ByPin, string? PinMismatch);

    private static string? Mismatch(PinFaceCheck? check) => check switch
    {
        PinFaceCheck.NoFace => "no face in the snapshot",
        PinFaceCheck.OtherPerson => "the snapshot shows someone else",
        PinFaceCheck.BelowThreshold => "the snapshot does not match their faces",
        _ => null,
    };

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        if (AttendanceQuery.OutOfRange(From, To) is { } outOfRange)
        {
            ModelState.AddModelError(nameof(To), outOfRange);
            return;
        }
        var today = calendar.DayOf(time.GetUtcNow().UtcDateTime);
        To ??= today;
        From ??= To.Value.AddDays(-6);
        People = await PeopleChoices.ListAsync(scope, cancellationToken);
        Filters = await SiteChoices.ListAsync(db, SiteId, DepartmentId, cancellationToken);
        if (From > To)
        {
            ModelState.AddModelError(nameof(From), texts["filters.first-after-last"]);
            return;
        }
        PageNumber = Math.Max(1, PageNumber);

        var rows = await scope.Events(SiteId, DepartmentId).AsNoTracking().Include(e => e.Corrections).Filter(calendar, From, To, PersonId, Offline, Method)
            .OrderByDescending(e => e.RecordedAt)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize + 1)
            .ToListAsync(cancellationToken);
        HasNextPage = rows.Count > PageSize;
        var kiosks = await KioskNames.OfAsync(db, rows, cancellationToken);
        Events = rows.Take(PageSize)
            .Select(e => new Row(e.Id, calendar.ToLocal(e.RecordedAt), e.PersonName, e.EmployeeId, e.Kind, e.Similarity, e.Liveness,
                e.SnapshotKey != null, e.PersonId == null, e.Corrections.Any(c => c.Action == CorrectionAction.Added), e.Voided,
                [.. e.Corrections.OrderBy(c => c.At).Select(c => AttendanceCsv.Describe(c, calendar))], e.RecordedOffline, kiosks.Of(e),
                e.Method == AttendanceMethod.Pin, Mismatch(e.PinFaceCheck)))
            .ToList();
    }
}
