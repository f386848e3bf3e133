namespace FaceAttendance.Web.Data;

/// <summary>How the organisation's pay periods run (<see cref="Approvals.PayPeriods"/>).</summary>
public enum PayPeriodKind { Weekly, Biweekly, SemiMonthly, Monthly }

/// <summary>The organisation's pay period, one row (none until an Owner or Admin sets it: weekly from Monday).
/// <see cref="Anchor"/> is a first day of a period: its weekday starts every weekly period, and two-weekly periods run
/// in steps of 14 days from it; twice-monthly (1st–15th, 16th–end) and monthly periods ignore it.</summary>
public sealed class PayPeriodSetting
{
    public const int SingletonId = 1;

    public int Id { get; set; } = SingletonId;
    public PayPeriodKind Kind { get; set; }
    public DateOnly Anchor { get; set; }
}
