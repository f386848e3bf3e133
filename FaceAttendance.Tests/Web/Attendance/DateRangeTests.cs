using System.Net;
using FaceAttendance.Tests.Web.Admin;
using FaceAttendance.Tests.Web.Support;

namespace FaceAttendance.Tests.Web.Attendance;

/// <summary>A date no local day can be converted for (year 9999's last day, year 1) is a bad request, not a 500.</summary>
public sealed class DateRangeTests
{
    [Theory]
    [InlineData("/api/timesheets?to=9999-12-31")]
    [InlineData("/api/attendance?to=9999-12-31")]
    [InlineData("/api/attendance.csv?to=9999-12-31")]
    [InlineData("/api/attendance?from=0001-01-01")]
    [InlineData("/api/timesheets?to=0001-01-03")]
    public async Task TheApiRefusesADateOutOfRange(string url)
    {
        await using var app = new FaceAttendanceApp();
        using var admin = app.CreateAdminClient();

        var problem = await (await admin.GetAsync(url)).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "date-out-of-range");

        problem.GetProperty("detail").GetString().Should().Contain("9999-12-30");
    }

    [Theory]
    [InlineData("/admin/attendance?to=9999-12-31")]
    [InlineData("/admin/timesheets?to=9999-12-31")]
    [InlineData("/admin/attendance?from=0001-01-01")]
    [InlineData("/admin/timesheets?to=0001-01-03")]
    public async Task ThePagesSayADateIsOutOfRange(string url)
    {
        await using var app = new FaceAttendanceApp();
        using var browser = await app.SignedInBrowserAsync("admin", FaceAttendanceApp.AdminPassword);

        var response = await browser.GetAsync(url);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).Should().Contain("Dates must be between 1900-01-01 and 9999-12-30.");
    }

    [Fact]
    public async Task TheLastDayInRangeIsAnswered()
    {
        await using var app = new FaceAttendanceApp();
        using var admin = app.CreateAdminClient();

        (await admin.GetAsync("/api/timesheets?from=9999-12-01&to=9999-12-30")).StatusCode.Should().Be(HttpStatusCode.OK);
    }
}
