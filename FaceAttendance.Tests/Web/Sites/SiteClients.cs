using System.Net;
using System.Net.Http.Json;
using FaceAttendance.Tests.Web.Support;
using FaceAttendance.Web.Attendance;
using FaceAttendance.Web.People;
using FaceAttendance.Web.Sites;

namespace FaceAttendance.Tests.Web.Sites;

/// <summary>Sites, departments and people placed in them, made through the admin API by <paramref name="admin"/>.</summary>
internal static class SiteClients
{
    public static async Task<SiteResponse> AddSiteAsync(this HttpClient admin, string name, string timeZone = "UTC")
    {
        var response = await admin.PostAsJsonAsync("/api/sites", new { name, timeZone });
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<SiteResponse>(Json.Options))!;
    }

    /// <summary>Sets what the kiosks of the site called <paramref name="name"/> record (a kiosk added without a site is
    /// at "Head office"); what is left null stays as it is.</summary>
    public static async Task<SiteResponse> SetPunchingAsync(this HttpClient admin, string name, string? punchMode = null, int? minimumGapMinutes = null)
    {
        var site = (await admin.GetFromJsonAsync<SiteResponse[]>("/api/sites", Json.Options))!.Single(s => s.Name == name);
        var response = await admin.PutAsJsonAsync($"/api/sites/{site.Id}", new { name, punchMode, minimumGapMinutes });
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<SiteResponse>(Json.Options))!;
    }

    public static async Task<DepartmentResponse> AddDepartmentAsync(this HttpClient admin, string name)
    {
        var response = await admin.PostAsJsonAsync("/api/departments", new { name });
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<DepartmentResponse>(Json.Options))!;
    }

    public static async Task<PersonResponse> AddPersonAsync(this HttpClient admin, string employeeId, string name, Guid? homeSiteId, Guid? departmentId = null)
    {
        var response = await admin.PostAsJsonAsync("/api/people", new { employeeId, name, consent = true, homeSiteId, departmentId });
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<PersonResponse>(Json.Options))!;
    }

    /// <summary>A check-in added by hand an hour before the app's clock, at the person's home site unless <paramref name="siteId"/> says.</summary>
    public static async Task<AttendanceEventResponse> AddCheckInAsync(this HttpClient admin, FaceAttendanceApp app, Guid personId, Guid? siteId = null)
    {
        var response = await admin.PostAsJsonAsync("/api/attendance",
            new { personId, kind = "in", at = app.Clock.GetUtcNow().AddHours(-1), reason = "forgot to scan", siteId });
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<AttendanceEventResponse>(Json.Options))!;
    }

    /// <summary>The tables of an admin page, without its filters (whose person picker names people too).</summary>
    public static string Table(string page) =>
        string.Concat(System.Text.RegularExpressions.Regex.Matches(page, "<table.*?</table>", System.Text.RegularExpressions.RegexOptions.Singleline).Select(m => m.Value));
}
