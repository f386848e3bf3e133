using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using FaceAttendance.Tests.Web.Support;
using FaceAttendance.Web.Sites;

namespace FaceAttendance.Tests.Web.Pins;

/// <summary>What the PIN tests do through the real API: give a person a PIN, punch with one, turn a site's PINs off.</summary>
internal static class PinSteps
{
    public static async Task SetPinAsync(this FaceAttendanceApp app, Guid personId, string pin)
    {
        using var admin = app.CreateAdminClient();
        var response = await admin.PutAsJsonAsync($"/api/people/{personId}/pin", new { pin });
        response.StatusCode.Should().Be(HttpStatusCode.NoContent, await response.Content.ReadAsStringAsync());
    }

    /// <summary>The kiosk page's POST: employee id, PIN and the camera's snapshot as one multipart form.</summary>
    public static Task<HttpResponseMessage> PunchAsync(this HttpClient kiosk, string employeeId, string pin, byte[] snapshot) =>
        kiosk.PostAsync("/attendance/pin", Form(employeeId, pin, snapshot));

    public static MultipartFormDataContent Form(string? employeeId, string? pin, byte[]? snapshot)
    {
        var form = new MultipartFormDataContent();
        if (employeeId is not null)
        {
            form.Add(new StringContent(employeeId), "employeeId");
        }
        if (pin is not null)
        {
            form.Add(new StringContent(pin), "pin");
        }
        if (snapshot is not null)
        {
            var file = new ByteArrayContent(snapshot);
            file.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
            form.Add(file, "image", "snapshot.jpg");
        }
        return form;
    }

    /// <summary>Turns PINs off (or on) at the site of the app's kiosk ("Head office").</summary>
    public static async Task SetHeadOfficePinsAsync(this FaceAttendanceApp app, bool enabled)
    {
        using var admin = app.CreateAdminClient();
        var site = (await admin.GetFromJsonAsync<SiteResponse[]>("/api/sites", Json.Options))!.Single(s => s.Name == "Head office");
        var response = await admin.PutAsJsonAsync($"/api/sites/{site.Id}/pins", new { enabled });
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }
}
