using System.Net;
using FaceAttendance.Tests.Web.Admin;
using FaceAttendance.Tests.Web.Pins;
using FaceAttendance.Tests.Web.Sites;
using FaceAttendance.Tests.Web.Support;
using FaceAttendance.Web.Pins;

namespace FaceAttendance.Tests.Web.Hostile;

/// <summary>A guesser who sends PINs in parallel from one kiosk gets no more tries than one who sends them in turn.</summary>
public sealed class PinLockoutRaceTests
{
    [Fact]
    public async Task WrongPinsSentAllAtOnceAreStillStoppedAfterFive()
    {
        await using var app = new FaceAttendanceApp();
        using var owner = app.CreateAdminClient();
        var al = await owner.AddPersonAsync("E100", "Al Sharpton", homeSiteId: null);
        await app.SetPinAsync(al.Id, "4826");
        using var kiosk = await app.CreateKioskClientAsync();
        var snapshot = Photos.AlSharpton(6);

        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => kiosk.PunchAsync("E100", $"{1000 + i}", snapshot)));
        var codes = await Task.WhenAll(answers.Select(async a => (a.StatusCode, await a.Content.ReadAsStringAsync())));

        codes.Count(c => c.StatusCode == HttpStatusCode.Forbidden && c.Item2.Contains("\"pin-wrong\"")).Should().Be(PinThrottle.MaxFailures);
        codes.Count(c => c.StatusCode == HttpStatusCode.TooManyRequests && c.Item2.Contains("\"pin-locked\"")).Should().Be(20 - PinThrottle.MaxFailures);
        (await app.AuditAsync("pin.failed")).Should().HaveCount(PinThrottle.MaxFailures, "a guess past the fifth is not even checked");
    }
}
