namespace FaceAttendance.Web.Data;

/// <summary>One line of a person's or a department's schedule (exactly one of <see cref="PersonId"/> and
/// <see cref="DepartmentId"/>): a weekly shift on <see cref="Weekday"/>, or a one-off change on <see cref="Date"/> whose
/// null <see cref="Start"/> and <see cref="End"/> mean a day off. Times are the person's site's wall-clock times; an end
/// at or before the start is on the next day.</summary>
public sealed class ScheduledShift
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid? PersonId { get; set; }
    public Guid? DepartmentId { get; set; }
    public DayOfWeek? Weekday { get; set; }
    public DateOnly? Date { get; set; }
    public TimeOnly? Start { get; set; }
    public TimeOnly? End { get; set; }
}
