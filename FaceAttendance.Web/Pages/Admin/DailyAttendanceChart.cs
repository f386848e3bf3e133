namespace FaceAttendance.Web.Pages.Admin;

/// <summary>Geometry of the dashboard's bar chart, computed here so the SVG markup stays a plain loop.</summary>
public sealed record DailyAttendanceChart(IReadOnlyList<DailyAttendanceChart.Bar> Bars, int Max)
{
    public const int Width = 720;
    public const int Height = 220;
    public const int Bottom = 190;
    private const int Top = 16;
    private const int Left = 8;

    public sealed record Bar(DateOnly Day, int People, float X, float Y, float BarWidth, float BarHeight, bool IsToday, bool ShowLabel);

    /// <summary>One bar per day, oldest first; every 5th day (and today) is labelled so labels never overlap.</summary>
    public static DailyAttendanceChart From(IReadOnlyList<(DateOnly Day, int People)> days, DateOnly today)
    {
        var max = Math.Max(1, days.Count == 0 ? 0 : days.Max(d => d.People));
        var slot = (float)(Width - 2 * Left) / Math.Max(1, days.Count);
        var bars = days.Select((d, i) =>
        {
            var height = (Bottom - Top) * d.People / (float)max;
            var fromEnd = days.Count - 1 - i;
            return new Bar(d.Day, d.People, Left + i * slot + slot * 0.15f, Bottom - height, slot * 0.7f, height,
                d.Day == today, fromEnd % 5 == 0);
        }).ToList();
        return new DailyAttendanceChart(bars, max);
    }
}
