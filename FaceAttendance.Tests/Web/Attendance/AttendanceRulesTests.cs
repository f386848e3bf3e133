using FaceAttendance.Tests.Web.Support;
using FaceAttendance.Web.Attendance;

namespace FaceAttendance.Tests.Web.Attendance;

public sealed class AttendanceRulesTests
{
    private static readonly DateTimeOffset Monday0800 = new(2026, 3, 2, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task ANewDayStartsWithACheckInEvenAfterAnUnclosedCheckIn()
    {
        await using var app = new FaceAttendanceApp(now: Monday0800);
        await app.EnrolPersonAsync("E100", "Al Sharpton", Photos.AlSharpton(1));

        (await RecogniseAsync(app)).Status.Should().Be(AttendanceStatus.CheckedIn);
        app.Clock.Advance(TimeSpan.FromDays(1));

        (await RecogniseAsync(app)).Status.Should().Be(AttendanceStatus.CheckedIn);
    }

    [Fact]
    public async Task DaysFollowTheConfiguredTimeZone()
    {
        // 23:30 UTC on Monday is already Tuesday in Tokyo, so the 00:30 UTC recognition is the same Tokyo day
        var settings = new Dictionary<string, string?> { ["FaceAttendance:TimeZone"] = "Asia/Tokyo" };
        await using var app = new FaceAttendanceApp(now: new DateTimeOffset(2026, 3, 2, 23, 30, 0, TimeSpan.Zero), settings: settings);
        await app.EnrolPersonAsync("E100", "Al Sharpton", Photos.AlSharpton(1));

        (await RecogniseAsync(app)).Status.Should().Be(AttendanceStatus.CheckedIn);
        app.Clock.Advance(TimeSpan.FromHours(1));

        (await RecogniseAsync(app)).Status.Should().Be(AttendanceStatus.CheckedOut);
    }

    [Fact]
    public async Task EachAnswerSaysWhetherItIsTheFirstCheckInOfTheDayAndWhatAnAlreadyRecordedEventWas()
    {
        await using var app = new FaceAttendanceApp(now: Monday0800);
        await app.EnrolPersonAsync("E100", "Al Sharpton", Photos.AlSharpton(1));

        var morning = await RecogniseAsync(app);
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        var again = await RecogniseAsync(app);
        app.Clock.Advance(TimeSpan.FromHours(4));
        var lunch = await RecogniseAsync(app);
        app.Clock.Advance(TimeSpan.FromHours(1));
        var back = await RecogniseAsync(app);
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        var backAgain = await RecogniseAsync(app);

        (morning.Status, morning.Kind, morning.FirstToday).Should().Be((AttendanceStatus.CheckedIn, FaceAttendance.Web.Data.AttendanceKind.In, true));
        (again.Status, again.Kind, again.RecordedAt).Should().Be((AttendanceStatus.AlreadyRecorded, FaceAttendance.Web.Data.AttendanceKind.In, morning.RecordedAt));
        (lunch.Status, lunch.Kind, lunch.FirstToday).Should().Be((AttendanceStatus.CheckedOut, FaceAttendance.Web.Data.AttendanceKind.Out, false));
        (back.Status, back.FirstToday).Should().Be((AttendanceStatus.CheckedIn, false), "a second check-in of the day is welcomed back, not greeted");
        (backAgain.Status, backAgain.Kind).Should().Be((AttendanceStatus.AlreadyRecorded, FaceAttendance.Web.Data.AttendanceKind.In));
    }

    private static async Task<KioskAnswer> RecogniseAsync(FaceAttendanceApp app)
    {
        var response = await app.PostSnapshotAsync(Photos.AlSharpton(6));
        response.EnsureSuccessStatusCode();
        return (await System.Net.Http.Json.HttpContentJsonExtensions.ReadFromJsonAsync<KioskAnswer>(response.Content, Json.Options))!;
    }
}
