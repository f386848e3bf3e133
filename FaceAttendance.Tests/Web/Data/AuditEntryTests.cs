using FaceAttendance.Web.Data;
using Microsoft.Extensions.Time.Testing;

namespace FaceAttendance.Tests.Web.Data;

public sealed class AuditEntryTests
{
    [Fact]
    public void ADetailLongerThanItsColumnIsCutToItAndMarked()
    {
        var schedule = string.Concat(Enumerable.Repeat("Mon 09:00–17:00; ", 100));

        var detail = AuditTrail.Entry(null, new FakeTimeProvider(), "schedule.changed", "someone", schedule).Detail!;

        detail.Should().HaveLength(AuditEntry.MaxDetailLength).And.EndWith("…").And.StartWith(schedule[..(AuditEntry.MaxDetailLength - 1)]);
        AuditTrail.Entry(null, new FakeTimeProvider(), "schedule.changed", "someone", "Mon 09:00–17:00").Detail.Should().Be("Mon 09:00–17:00");
    }
}
