using FaceAttendance.Tests.Web.Browser;
using FaceAttendance.Tests.Web.Support;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace FaceAttendance.Tests.Aws;

/// <summary>
/// The kiosk page in AWS configuration, through a real browser: Chromium's fake webcam shows a person enrolled with
/// another photo; the page must upload the snapshot straight to the S3 server (cross-origin, allowed by the bucket's
/// CORS rule) and show the name that the Rekognition engine found.
/// </summary>
public sealed class AwsKioskBrowserTests(S3Server s3, ITestOutputHelper output) : IClassFixture<S3Server>
{
    private const string PersonName = "Casey Morgan";

    [Fact]
    public async Task TheKioskUploadsToS3AndShowsThePersonRekognitionFinds()
    {
        await using var rekognition = new RekognitionServer(AwsMode.S3Settings(s3));
        await using var app = new RekognitionServer(AwsMode.KioskAppSettings(s3, rekognition));
        using var http = app.CreateAdminClient();
        var (enrolPhoto, webcamPhoto) = await UsableDevPhotos.PickAsync(http);
        // the browser is this kiosk (with the device cookie POST /kiosk/pair would have set)
        using var paired = await PairedKioskClient.PairAsync(http);
        await app.EnrolAsync("E-300", PersonName, await File.ReadAllBytesAsync(enrolPhoto));
        var workDir = Directory.CreateTempSubdirectory("fa-aws-kiosk-").FullName;
        var webcam = Path.Combine(workDir, "webcam.y4m");
        FakeWebcamVideo.Write(webcamPhoto, webcam);

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Chromium.LaunchAsync(playwright, webcam);
        await using var context = await browser.NewContextAsync(new() { BaseURL = app.BaseAddress.ToString(), Permissions = ["camera"] });
        await context.AddCookiesAsync([new Cookie
        {
            Name = FaceAttendance.Web.Kiosks.KioskAuth.CookieName, Value = paired.Token, Url = app.BaseAddress.ToString(),
            HttpOnly = true, SameSite = SameSiteAttribute.Strict,
        }]);
        var kiosk = await context.NewPageAsync();
        var uploads = new List<string>();
        kiosk.Response += (_, response) =>
        {
            output.WriteLine($"{response.Request.Method} {response.Url} -> {response.Status}");
            if (response.Request.Method == "POST")
            {
                uploads.Add(new Uri(response.Url).Authority);
            }
        };
        await kiosk.GotoAsync("/");

        await Assertions.Expect(kiosk.Locator("#outcome-name")).ToHaveTextAsync(PersonName, new() { Timeout = 60_000 });
        uploads.Should().Contain(s3.ServiceUrl.Authority, "the browser uploads to the S3 server, not to the app");
        Directory.Delete(workDir, recursive: true);
    }
}
