using FaceAttendance.Web.Data;

namespace FaceAttendance.Web.Attendance;

/// <summary>
/// Which punches a person may make next, from their last counted event: the one rule both the kiosk's buttons and a
/// "Check out now" are checked against. Plain functions over the last event and now, table-tested.
/// </summary>
public static class Punches
{
    /// <summary>Long enough that walking past a second kiosk after checking in, or scanning again to be sure, does not
    /// check anyone out; shorter than any shift worth recording.</summary>
    public static readonly TimeSpan DefaultMinimumGap = TimeSpan.FromMinutes(30);

    /// <summary>A check-in older than this with no check-out is a missed check-out, not a shift still going: the
    /// person starts again with In (the rules part flags the open day).</summary>
    public static readonly TimeSpan LongestShift = TimeSpan.FromHours(24);

    /// <summary>Where the person stands: the last counted event, unless it is older than <see cref="LongestShift"/>.</summary>
    public static AttendanceKind? StateOf(AttendanceEvent? last, DateTime now) =>
        last is not null && now - last.RecordedAt < LongestShift ? last.Kind : null;

    /// <summary>The punches that make sense now, the likely one first: In when off duty; Out or a break when at work;
    /// the break's end, or going home, when on a break.</summary>
    public static IReadOnlyList<AttendanceKind> Allowed(AttendanceKind? state) => state switch
    {
        AttendanceKind.In or AttendanceKind.BreakEnd => [AttendanceKind.Out, AttendanceKind.BreakStart],
        AttendanceKind.BreakStart => [AttendanceKind.BreakEnd, AttendanceKind.Out],
        _ => [AttendanceKind.In],
    };

    /// <summary>Why <paramref name="chosen"/> cannot be punched now, for the person at the kiosk; null when it can.</summary>
    public static ImpossiblePunch? Impossible(AttendanceKind chosen, AttendanceKind? state) =>
        Allowed(state).Contains(chosen) ? null : (chosen, state) switch
        {
            (AttendanceKind.In, AttendanceKind.BreakStart) => new("on-break", "You are on a break: end the break instead of checking in."),
            (AttendanceKind.In, _) => new("already-in", "You are already checked in."),
            (AttendanceKind.BreakEnd, AttendanceKind.In or AttendanceKind.BreakEnd) => new("not-on-break", "You are not on a break, so there is no break to end."),
            (AttendanceKind.BreakStart, AttendanceKind.BreakStart) => new("already-on-break", "You are already on a break."),
            _ => new("not-checked-in", "You are not checked in: check in first."),
        };

    /// <summary>At work, on a break or not: what an automatic scan checks out of.</summary>
    public static bool OnDuty(AttendanceKind? state) => state is AttendanceKind.In or AttendanceKind.BreakStart or AttendanceKind.BreakEnd;
}

/// <summary>Why a punch cannot be made now: <see cref="Reason"/> names it for the kiosk, which says it in its language
/// (<c>punch.impossible.{reason}</c>); <see cref="Sentence"/> is the API's English.</summary>
public sealed record ImpossiblePunch(string Reason, string Sentence);
