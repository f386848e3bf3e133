using System.Net;
using FaceAttendance.Tests.Web.Support;
using FaceAttendance.Web.Storage;

namespace FaceAttendance.Tests.Web.Browser;

/// <summary>Picks two photos of one dev-set person that the engine accepts (many LFW photos are too small or
/// blurred for its quality gate): one to enrol, one to play on the fake webcam. Asked of the running app through
/// the kiosk endpoint (as a kiosk paired for it) before anyone is enrolled, so the probes record nothing.</summary>
internal static class UsableDevPhotos
{
    /// <param name="admin">a client of the running app with the admin API key.</param>
    public static async Task<(string Enrol, string Webcam)> PickAsync(HttpClient admin)
    {
        using var probe = await PairedKioskClient.PairAsync(admin, name: "Photo probe");
        using var app = probe.Authorise(new HttpClient { BaseAddress = admin.BaseAddress });
        foreach (var person in Directory.EnumerateDirectories(TestPaths.FacesDir).Order(StringComparer.Ordinal))
        {
            string? enrol = null;
            foreach (var photo in Directory.EnumerateFiles(person, "*.jpg").Order(StringComparer.Ordinal))
            {
                if (enrol is null)
                {
                    enrol = await IsAcceptedAsync(app, await File.ReadAllBytesAsync(photo)) ? photo : null;
                }
                else if (await IsAcceptedAsync(app, FakeWebcamVideo.FrameAsJpeg(photo)))
                {
                    return (enrol, photo);
                }
            }
        }
        throw new InvalidOperationException($"No person in {TestPaths.FacesDir} has two photos the engine accepts.");
    }

    private static async Task<bool> IsAcceptedAsync(HttpClient app, byte[] jpeg)
    {
        using var response = await app.PostAsync("/attendance", FaceAttendanceApp.ImageForm(jpeg, ImageFormats.Jpeg));
        return response.StatusCode switch
        {
            HttpStatusCode.OK => true,
            HttpStatusCode.UnprocessableEntity => false,
            var other => throw new HttpRequestException($"POST /attendance answered {other}: {await response.Content.ReadAsStringAsync()}"),
        };
    }
}
