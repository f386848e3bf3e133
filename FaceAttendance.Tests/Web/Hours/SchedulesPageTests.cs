using System.Net;
using System.Net.Http.Json;
using FaceAttendance.Tests.Web.Admin;
using FaceAttendance.Tests.Web.Sites;
using FaceAttendance.Tests.Web.Support;
using FaceAttendance.Web.Hours;
using FaceAttendance.Web.Http;

namespace FaceAttendance.Tests.Web.Hours;

/// <summary>The schedules page, posted as a browser would, read back through the API.</summary>
public sealed class SchedulesPageTests
{
    [Fact]
    public async Task ThePageSavesAWeeklyShiftAndADayOffAndRefusesAHalfShiftSavingNothing()
    {
        await using var app = new FaceAttendanceApp();
        using var owner = app.CreateAdminClient();
        var nora = await owner.AddPersonAsync("E7", "Nora", null);
        using var browser = await app.SignedInBrowserAsync("admin", FaceAttendanceApp.AdminPassword);
        var path = $"/admin/schedules?personId={nora.Id}";

        var refused = await AccountPagesTests.PostAsync(browser, path, "", new() { ["Week[0].Day"] = "Monday", ["Week[0].Start"] = "09:00" });
        await AccountPagesTests.PostAsync(browser, path, "", new()
        {
            ["Week[0].Day"] = "Friday", ["Week[0].Start"] = "22:00", ["Week[0].End"] = "06:00", ["Changes[0].Date"] = "2026-12-25",
        }, HttpStatusCode.Redirect);

        refused.Should().Contain("Monday needs both a start and an end, or neither for no shift.");
        (await owner.GetFromJsonAsync<ScheduleLines>($"/api/people/{nora.Id}/schedule", Json.Options)).Should().BeEquivalentTo(new ScheduleLines(
            [new WeeklyShift(DayOfWeek.Friday, new TimeOnly(22, 0), new TimeOnly(6, 0))], [new ShiftChange(new DateOnly(2026, 12, 25), null, null)]));
        (await browser.GetStringAsync(path)).Should().Contain("Nora&#x27;s schedule saved.").And.Contain("name=\"Week[4].Start\" value=\"22:00\"");
    }
}
