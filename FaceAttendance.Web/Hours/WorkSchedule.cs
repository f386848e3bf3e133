using System.Globalization;
using NodaTime;

namespace FaceAttendance.Web.Hours;

/// <summary>One shift in local wall-clock times; an end at or before the start is on the next day (a night shift).</summary>
public sealed record ShiftTimes(LocalTime Start, LocalTime End)
{
    public bool CrossesMidnight => End <= Start;

    /// <summary>The instants the shift that starts on <paramref name="date"/> begins and ends: a wall time a DST change
    /// skips moves past the gap, one it repeats is taken the first time (the tzdb's lenient rule).</summary>
    public (Instant Start, Instant End) On(LocalDate date, DateTimeZone zone) =>
        (zone.AtLeniently(date + Start).ToInstant(), zone.AtLeniently((CrossesMidnight ? date.PlusDays(1) : date) + End).ToInstant());

    public override string ToString() =>
        $"{Start.ToString("HH:mm", CultureInfo.InvariantCulture)}–{End.ToString("HH:mm", CultureInfo.InvariantCulture)}";
}

/// <summary>A weekly pattern plus one-off changes by date (a different shift, or null: a day off). <see cref="Source"/>
/// names whose schedule it is, for the trace.</summary>
public sealed record WorkSchedule(
    IReadOnlyDictionary<IsoDayOfWeek, ShiftTimes> Weekly, IReadOnlyDictionary<LocalDate, ShiftTimes?> Changes, string Source)
{
    public static readonly WorkSchedule None = new(new Dictionary<IsoDayOfWeek, ShiftTimes>(), new Dictionary<LocalDate, ShiftTimes?>(), "no schedule");

    public ShiftTimes? ShiftOn(LocalDate date) =>
        Changes.TryGetValue(date, out var changed) ? changed : Weekly.GetValueOrDefault(date.DayOfWeek);
}
