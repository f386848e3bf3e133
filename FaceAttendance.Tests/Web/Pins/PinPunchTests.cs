using System.Net;
using System.Net.Http.Json;
using System.Text;
using FaceAttendance.Tests.Web.Admin;
using FaceAttendance.Tests.Web.Support;
using FaceAttendance.Web.Attendance;
using FaceAttendance.Web.Data;
using FaceAttendance.Web.Http;
using FaceAttendance.Web.Pins;
using FaceAttendance.Web.Sites;

namespace FaceAttendance.Tests.Web.Pins;

/// <summary>POST /attendance/pin through real HTTP, a real SQLite file and the real face engine.</summary>
public sealed class PinPunchTests
{
    [Fact]
    public async Task ARightPinChecksInMarkedPinWithItsSnapshotKeptAndCompared()
    {
        await using var app = new FaceAttendanceApp();
        var al = await app.EnrolPersonAsync("E100", "Al Sharpton", Photos.AlSharpton(1));
        await app.SetPinAsync(al.Id, "4826");
        using var kiosk = await app.CreateKioskClientAsync();

        var response = await kiosk.PunchAsync(" E100 ", "4826", Photos.OnKioskCanvas(Photos.AlSharpton(6)));

        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var answer = (await response.Content.ReadFromJsonAsync<KioskAnswer>(Json.Options))!;
        (answer.Status, answer.Person, answer.Kind).Should().Be((AttendanceStatus.CheckedIn, new KioskPerson("Al Sharpton"), AttendanceKind.In));
        var recorded = (await app.EventsAsync()).Single();
        (recorded.PersonId, recorded.Method, recorded.PinFaceCheck, recorded.KioskId).Should().Be((al.Id, AttendanceMethod.Pin, PinFaceCheck.Matches, (await app.KioskAsync()).Id));
        using var admin = app.CreateAdminClient();
        var snapshot = await admin.GetAsync($"/api/attendance/{recorded.Id}/snapshot");
        snapshot.StatusCode.Should().Be(HttpStatusCode.OK, "the snapshot is kept as the event's evidence");
        (await snapshot.Content.ReadAsByteArrayAsync()).Should().Equal(Photos.OnKioskCanvas(Photos.AlSharpton(6)));
        (await admin.GetFromJsonAsync<Page<AttendanceEventResponse>>("/api/attendance?method=Face", Json.Options))!.Items.Should().BeEmpty();
        (await admin.GetFromJsonAsync<Page<AttendanceEventResponse>>("/api/attendance?method=Pin", Json.Options))!.Items.Should().ContainSingle();
    }

    [Fact]
    public async Task APinFollowsTheSameInOutDecisionAsAFace()
    {
        await using var app = new FaceAttendanceApp(now: new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
        var al = await app.EnrolPersonAsync("E100", "Al Sharpton", Photos.AlSharpton(1));
        await app.SetPinAsync(al.Id, "4826");
        using var kiosk = await app.CreateKioskClientAsync();

        (await app.PostSnapshotAsync(Photos.AlSharpton(6))).StatusCode.Should().Be(HttpStatusCode.OK);
        var soon = await (await kiosk.PunchAsync("E100", "4826", Photos.AlSharpton(6))).Content.ReadFromJsonAsync<KioskAnswer>(Json.Options);
        app.Clock.Advance(TimeSpan.FromHours(1));
        var later = await (await kiosk.PunchAsync("E100", "4826", Photos.AlSharpton(6))).Content.ReadFromJsonAsync<KioskAnswer>(Json.Options);

        soon!.Status.Should().Be(AttendanceStatus.AlreadyRecorded, "inside the duplicate window, as for a second face scan");
        later!.Status.Should().Be(AttendanceStatus.CheckedOut);
        (await app.StoredEventsAsync()).Select(e => (e.Kind, e.Method)).Should().Equal((AttendanceKind.In, AttendanceMethod.Face), (AttendanceKind.Out, AttendanceMethod.Pin));
    }

    public static TheoryData<string, PinFaceCheck> Snapshots => new()
    {
        { "another dev person", PinFaceCheck.OtherPerson },
        { "no face", PinFaceCheck.NoFace },
        { "a stranger", PinFaceCheck.BelowThreshold },
    };

    [Theory]
    [MemberData(nameof(Snapshots))]
    public async Task APinWhoseSnapshotDoesNotShowThePersonRecordsFlaggedForReview(string shown, PinFaceCheck expected)
    {
        await using var app = new FaceAttendanceApp();
        var al = await app.EnrolPersonAsync("E100", "Al Sharpton", Photos.AlSharpton(1), Photos.AlSharpton(2));
        await app.EnrolPersonAsync("E200", "Alan Greenspan", Photos.AlanGreenspan(2), Photos.AlanGreenspan(3));
        await app.SetPinAsync(al.Id, "4826");
        using var kiosk = await app.CreateKioskClientAsync();
        var snapshot = shown switch
        {
            "another dev person" => Photos.AlanGreenspan(5),
            "no face" => Photos.NoFace,
            _ => Photos.NeverEnrolled,
        };

        var response = await kiosk.PunchAsync("E100", "4826", snapshot);

        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var recorded = (await app.EventsAsync()).Single();
        (recorded.PersonId, recorded.Method, recorded.PinFaceCheck).Should().Be((al.Id, AttendanceMethod.Pin, expected));
        recorded.SnapshotKey.Should().NotBeNull();
        (await app.StoredSnapshotsAsync()).Should().ContainSingle();
    }

    [Fact]
    public async Task AWrongPinAnUnknownIdAndAPersonWithoutAPinAnswerAlikeAndRecordNothing()
    {
        await using var app = new FaceAttendanceApp();
        var al = await app.EnrolPersonAsync("E100", "Al Sharpton", Photos.AlSharpton(1));
        await app.EnrolPersonAsync("E200", "Alan Greenspan", Photos.AlanGreenspan(2));
        await app.SetPinAsync(al.Id, "4826");
        using var kiosk = await app.CreateKioskClientAsync();

        var wrongPin = await kiosk.PunchAsync("E100", "4827", Photos.AlSharpton(6));
        var unknownId = await kiosk.PunchAsync("E999", "4826", Photos.AlSharpton(6));
        var noPin = await kiosk.PunchAsync("E200", "4826", Photos.AlanGreenspan(5));

        var answers = new List<string>();
        foreach (var response in new[] { wrongPin, unknownId, noPin })
        {
            var problem = await response.ShouldBeProblemAsync(HttpStatusCode.Forbidden, "pin-wrong");
            answers.Add(problem.GetProperty("detail").GetString()!);
        }
        answers.Distinct().Should().ContainSingle("the kiosk never tells which ids exist or have a PIN");
        (await app.StoredEventsAsync()).Should().BeEmpty();
        (await app.StoredSnapshotsAsync()).Should().BeEmpty();
        var failures = await app.AuditAsync("pin.failed");
        failures.Select(f => f.Detail).Should().BeEquivalentTo("employee id typed: E100", "employee id typed: E999", "employee id typed: E200");
        failures.Should().OnlyContain(f => f.Actor == "kiosk Front door" && !f.Detail!.Contains("482"));
    }

    [Fact]
    public async Task FiveWrongPinsLockPinEntryOnThatKioskForFifteenMinutes()
    {
        await using var app = new FaceAttendanceApp();
        var al = await app.EnrolPersonAsync("E100", "Al Sharpton", Photos.AlSharpton(1));
        await app.SetPinAsync(al.Id, "4826");
        using var kiosk = await app.CreateKioskClientAsync();
        using var otherKiosk = (await app.PairKioskAsync("Back door")).Authorise(app.CreateClient());

        for (var i = 0; i < PinThrottle.MaxFailures; i++)
        {
            await (await kiosk.PunchAsync("E100", $"11{i}9", Photos.AlSharpton(6))).ShouldBeProblemAsync(HttpStatusCode.Forbidden, "pin-wrong");
            app.Clock.Advance(TimeSpan.FromSeconds(30));
        }
        var locked = await kiosk.PunchAsync("E100", "4826", Photos.AlSharpton(6));
        var entry = await kiosk.GetFromJsonAsync<PinEntry>("/attendance/pin", Json.Options);
        var elsewhere = await otherKiosk.PunchAsync("E100", "4826", Photos.AlSharpton(6));
        app.Clock.Advance(PinThrottle.Lockout);
        var afterwards = await kiosk.PunchAsync("E100", "4826", Photos.AlSharpton(6));

        await locked.ShouldBeProblemAsync(HttpStatusCode.TooManyRequests, "pin-locked");
        entry!.LockedForSeconds.Should().BeInRange(14 * 60, 15 * 60);
        elsewhere.StatusCode.Should().Be(HttpStatusCode.OK, "the lockout is the kiosk's, not the person's");
        afterwards.StatusCode.Should().Be(HttpStatusCode.OK, await afterwards.Content.ReadAsStringAsync());
        (await app.AuditAsync("pin.locked-out")).Should().ContainSingle();
        (await app.AuditAsync("pin.failed")).Should().HaveCount(PinThrottle.MaxFailures, "a locked kiosk does not even check the PIN");
    }

    [Fact]
    public async Task WrongPinsSpreadOverMoreThanFiveMinutesDoNotLock()
    {
        await using var app = new FaceAttendanceApp();
        var al = await app.EnrolPersonAsync("E100", "Al Sharpton", Photos.AlSharpton(1));
        await app.SetPinAsync(al.Id, "4826");
        using var kiosk = await app.CreateKioskClientAsync();

        for (var i = 0; i < PinThrottle.MaxFailures; i++)
        {
            await kiosk.PunchAsync("E100", "1119", Photos.AlSharpton(6));
            app.Clock.Advance(TimeSpan.FromMinutes(2));
        }

        (await kiosk.PunchAsync("E100", "4826", Photos.AlSharpton(6))).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task ASiteWithPinsOffHidesUsePinAndRefusesARightPin()
    {
        await using var app = new FaceAttendanceApp();
        var al = await app.EnrolPersonAsync("E100", "Al Sharpton", Photos.AlSharpton(1));
        await app.SetPinAsync(al.Id, "4826");
        using var kiosk = await app.CreateKioskClientAsync();
        (await kiosk.GetFromJsonAsync<PinEntry>("/attendance/pin", Json.Options))!.Enabled.Should().BeTrue("sites have PINs on unless turned off");

        await app.SetHeadOfficePinsAsync(enabled: false);

        (await kiosk.GetFromJsonAsync<PinEntry>("/attendance/pin", Json.Options))!.Enabled.Should().BeFalse();
        await (await kiosk.PunchAsync("E100", "4826", Photos.AlSharpton(6))).ShouldBeProblemAsync(HttpStatusCode.Forbidden, "pins-off");
        (await app.StoredEventsAsync()).Should().BeEmpty();
        (await app.AuditAsync("site.pins-off")).Should().ContainSingle();
        await app.SetHeadOfficePinsAsync(enabled: true);
        (await kiosk.PunchAsync("E100", "4826", Photos.AlSharpton(6))).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task TheSitesPageTurnsPinsOffAtASitesKiosks()
    {
        await using var app = new FaceAttendanceApp();
        using var kiosk = await app.CreateKioskClientAsync();
        using var owner = await app.SignedInBrowserAsync("admin", FaceAttendanceApp.AdminPassword);
        using var admin = app.CreateAdminClient();
        var siteId = (await admin.GetFromJsonAsync<SiteResponse[]>("/api/sites", Json.Options))!.Single().Id;

        await AccountPagesTests.PostAsync(owner, "/admin/sites", $"?handler=SitePins&id={siteId}", new() { ["enabled"] = "false" }, HttpStatusCode.Redirect);

        (await owner.GetStringAsync("/admin/sites")).Should().Contain("PINs are off at the site&#x27;s kiosks").And.Contain("Turn kiosk PINs on");
        (await kiosk.GetFromJsonAsync<PinEntry>("/attendance/pin", Json.Options))!.Enabled.Should().BeFalse();
    }

    public static TheoryData<string, HttpStatusCode, string> BadInputs => new()
    {
        { "not an image", HttpStatusCode.UnsupportedMediaType, "unsupported-image-type" },
        { "no image", HttpStatusCode.BadRequest, "image-missing" },
        { "no pin", HttpStatusCode.BadRequest, "pin-fields-missing" },
        { "no employee id", HttpStatusCode.BadRequest, "pin-fields-missing" },
        { "a pin too long", HttpStatusCode.BadRequest, "pin-fields-missing" },
        { "oversize", HttpStatusCode.RequestEntityTooLarge, "image-too-large" },
        { "json", HttpStatusCode.UnsupportedMediaType, "unsupported-media-type" },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public async Task BadInputIsAClearProblemThatRecordsAndCountsNothing(string input, HttpStatusCode status, string code)
    {
        await using var app = new FaceAttendanceApp();
        var al = await app.EnrolPersonAsync("E100", "Al Sharpton", Photos.AlSharpton(1));
        await app.SetPinAsync(al.Id, "4826");
        using var kiosk = await app.CreateKioskClientAsync();
        var oversize = new byte[10 * 1024 * 1024 + 1]; // the default Uploads:MaxBytes plus one
        Photos.AlSharpton(6).CopyTo(oversize, 0);
        HttpContent body = input switch
        {
            "not an image" => PinSteps.Form("E100", "4826", Encoding.UTF8.GetBytes("this is not a photo")),
            "no image" => PinSteps.Form("E100", "4826", null),
            "no pin" => PinSteps.Form("E100", null, Photos.AlSharpton(6)),
            "no employee id" => PinSteps.Form(null, "4826", Photos.AlSharpton(6)),
            "a pin too long" => PinSteps.Form("E100", "482648264826", Photos.AlSharpton(6)),
            "oversize" => PinSteps.Form("E100", "4826", oversize),
            _ => JsonContent.Create(new { employeeId = "E100", pin = "4826" }),
        };

        await (await kiosk.PostAsync("/attendance/pin", body)).ShouldBeProblemAsync(status, code);

        (await app.StoredEventsAsync()).Should().BeEmpty();
        (await app.StoredSnapshotsAsync()).Should().BeEmpty();
        (await app.AuditAsync("pin.failed")).Should().BeEmpty();
    }

    [Fact]
    public async Task OnlyAPairedKioskMayPunchWithAPin()
    {
        await using var app = new FaceAttendanceApp();
        using var stranger = app.CreateClient();

        await (await stranger.PunchAsync("E100", "4826", Photos.AlSharpton(6))).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
    }
}
