using FaceAttendance.Web.Admin;
using FaceAttendance.Web.Attendance;
using FaceAttendance.Web.Configuration;
using FaceAttendance.Web.Data;
using FaceAttendance.Web.Hours;
using FaceAttendance.Web.Kiosks;
using FaceAttendance.Web.Sites;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace FaceAttendance.Web.Pages.Admin;

/// <summary>Dashboard: who is in today, who is late, absent or still checked in, who punched at two sites at once, how many people came each day over the last 30 days, and the kiosks: with none
/// paired, the first-run shortcut of making this browser one.</summary>
public sealed class IndexModel(AttendanceDbContext db, AccessScope scope, AttendanceCalendar calendar, TimeProvider time, KioskPairing pairing, KioskOptions kioskOptions,
    IAuthorizationService authorization, FaceAttendance.Web.Attendance.Timesheets timesheets)
    : PageModel
{
    private const int ChartDays = 30;

    /// <summary>The kiosk "Use this browser as a kiosk" adds.</summary>
    public const string ThisBrowserName = "This browser";
    public const string ThisBrowserSite = "Main site";

    public int PeopleCount { get; private set; }
    public int PresentToday { get; private set; }
    public int EventsToday { get; private set; }

    /// <summary>Today's decided scans that named somebody, counted by the same result names the scans metric carries.</summary>
    public int RecognisedToday { get; private set; }
    public int UnknownToday { get; private set; }

    /// <summary>Recognised scans among those that showed one usable face (refused scans excluded); null without any.</summary>
    public double? RecognitionRateToday => RecognisedToday + UnknownToday is > 0 and var faces ? (double)RecognisedToday / faces : null;
    public DailyAttendanceChart Chart { get; private set; } = DailyAttendanceChart.From([], default);

    public int KioskCount { get; private set; }

    /// <summary>What this account's role may open from here: the dashboard is every role's, the kiosks and people not.</summary>
    public bool MayEditKiosks { get; private set; }
    public bool MayReadPeople { get; private set; }
    public int PairedKiosks { get; private set; }

    /// <summary>Paired kiosks not heard from for longer than Kiosk:ContactGap: offline, switched off or their page closed.</summary>
    public IReadOnlyList<string> SilentKiosks { get; private set; } = [];
    public string ContactGap => kioskOptions.ContactGap is { TotalMinutes: >= 1 } gap ? $"{gap.TotalMinutes:0.#} min" : $"{kioskOptions.ContactGap.TotalSeconds:0} s";

    public TodaysAlerts Alerts { get; private set; } = new([], [], [], []);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var today = calendar.DayOf(time.GetUtcNow().UtcDateTime);
        Alerts = await TodaysAlerts.ReadAsync(timesheets, scope, db, calendar, today, cancellationToken);
        var events = await scope.Events().AsNoTracking().Counted().Filter(calendar, today.AddDays(1 - ChartDays), today)
            .Select(e => new { e.EmployeeId, e.RecordedAt })
            .ToListAsync(cancellationToken);
        // days follow the configured time zone, which SQLite cannot compute, so group in memory (30 days is small)
        var peoplePerDay = events
            .GroupBy(e => calendar.DayOf(e.RecordedAt))
            .ToDictionary(g => g.Key, g => g.Select(e => e.EmployeeId).Distinct().Count());
        var days = Enumerable.Range(0, ChartDays)
            .Select(i => today.AddDays(i + 1 - ChartDays))
            .Select(day => (day, peoplePerDay.GetValueOrDefault(day)))
            .ToList();

        PeopleCount = await scope.People().CountAsync(cancellationToken);
        MayEditKiosks = (await authorization.AuthorizeAsync(User, Policies.CanEditKiosks)).Succeeded;
        MayReadPeople = (await authorization.AuthorizeAsync(User, Policies.CanRead)).Succeeded;
        PresentToday = peoplePerDay.GetValueOrDefault(today);
        EventsToday = events.Count(e => calendar.DayOf(e.RecordedAt) == today);
        Chart = DailyAttendanceChart.From(days, today);

        var todayStarted = calendar.StartOfDayUtc(today);
        var results = await db.ScanDecisions.AsNoTracking().Where(d => d.DecidedAt >= todayStarted)
            .GroupBy(d => d.Result).Select(g => new { Result = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Result, g => g.Count, cancellationToken);
        RecognisedToday = ScanResults.Recognised.Sum(result => results.GetValueOrDefault(result));
        UnknownToday = results.GetValueOrDefault(ScanResults.Unknown);

        var kiosks = await db.Kiosks.AsNoTracking().Where(k => k.RevokedAt == null)
            .Select(k => new { k.Name, Paired = k.TokenHash != null, k.LastContactAt }).ToListAsync(cancellationToken);
        var heardFrom = time.GetUtcNow().UtcDateTime - kioskOptions.ContactGap;
        KioskCount = kiosks.Count;
        PairedKiosks = kiosks.Count(k => k.Paired);
        SilentKiosks = [.. kiosks.Where(k => k.Paired && !(k.LastContactAt > heardFrom)).Select(k => k.Name).Order(StringComparer.CurrentCultureIgnoreCase)];
    }

    /// <summary>"Use this browser as a kiosk": adds a kiosk (or takes the one an earlier click added and that never paired)
    /// and sends this browser to the kiosk page with its pairing code, which the page exchanges for its device cookie.</summary>
    public async Task<IActionResult> OnPostUseThisBrowserAsync(CancellationToken cancellationToken)
    {
        // the dashboard is every account's; adding a kiosk is not
        if (!(await authorization.AuthorizeAsync(User, Policies.CanEditKiosks)).Succeeded)
        {
            return Forbid();
        }
        var kiosk = await db.Kiosks.FirstOrDefaultAsync(
            k => k.Name == ThisBrowserName && k.Site == ThisBrowserSite && k.PairedAt == null && k.RevokedAt == null, cancellationToken);
        if (kiosk is null)
        {
            kiosk = pairing.NewKiosk(ThisBrowserName, await db.FindOrAddSiteAsync(ThisBrowserSite, pairing.DefaultTimeZone, time, cancellationToken), timeZone: null, language: null);
            db.Kiosks.Add(kiosk);
        }
        var code = pairing.IssueCode(kiosk, KioskPairing.AppBase(Request));
        await db.SaveChangesAsync(cancellationToken);
        // relative, so a proxy or CDN in front keeps the browser on the host it used
        return Redirect($"{Url.Content("~/")}?pair={Uri.EscapeDataString(code.Code)}");
    }
}
