using FaceAttendance.Web.Attendance;
using FaceAttendance.Web.Data;

namespace FaceAttendance.Tests.Web.Attendance;

/// <summary>The punch rules as a table: where a person stands after their last event, what they may punch next, and
/// the sentence for one that makes no sense.</summary>
public sealed class PunchesTests
{
    private static readonly DateTime Now = new(2027, 3, 1, 12, 0, 0, DateTimeKind.Utc);

    [Theory]
    [InlineData(null, new[] { AttendanceKind.In })]
    [InlineData(AttendanceKind.Out, new[] { AttendanceKind.In })]
    [InlineData(AttendanceKind.In, new[] { AttendanceKind.Out, AttendanceKind.BreakStart })]
    [InlineData(AttendanceKind.BreakStart, new[] { AttendanceKind.BreakEnd, AttendanceKind.Out })]
    [InlineData(AttendanceKind.BreakEnd, new[] { AttendanceKind.Out, AttendanceKind.BreakStart })]
    public void TheLikelyNextPunchComesFirst(AttendanceKind? state, AttendanceKind[] allowed) =>
        Punches.Allowed(state).Should().Equal(allowed);

    [Theory]
    [InlineData(AttendanceKind.BreakEnd, null, "You are not checked in: check in first.")]
    [InlineData(AttendanceKind.BreakEnd, AttendanceKind.In, "You are not on a break, so there is no break to end.")]
    [InlineData(AttendanceKind.BreakStart, AttendanceKind.BreakStart, "You are already on a break.")]
    [InlineData(AttendanceKind.In, AttendanceKind.In, "You are already checked in.")]
    [InlineData(AttendanceKind.In, AttendanceKind.BreakStart, "You are on a break: end the break instead of checking in.")]
    [InlineData(AttendanceKind.Out, AttendanceKind.Out, "You are not checked in: check in first.")]
    [InlineData(AttendanceKind.Out, AttendanceKind.BreakStart, null)]
    public void AnImpossiblePunchIsRefusedInOneSentence(AttendanceKind chosen, AttendanceKind? state, string? sentence) =>
        (Punches.Impossible(chosen, state)?.Sentence).Should().Be(sentence);

    [Theory]
    [InlineData(23.9, AttendanceKind.In)]
    [InlineData(24.0, null)]
    public void ACheckInOlderThanADayIsAMissedCheckOutNotAShift(double hoursAgo, AttendanceKind? state) =>
        Punches.StateOf(new AttendanceEvent { PersonName = "A", EmployeeId = "E1", Kind = AttendanceKind.In, RecordedAt = Now.AddHours(-hoursAgo) }, Now)
            .Should().Be(state);
}
