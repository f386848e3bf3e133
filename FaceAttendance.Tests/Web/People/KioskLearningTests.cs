using System.Net;
using System.Net.Http.Json;
using FaceAttendance.Tests.Web.Support;
using FaceAttendance.Web.Attendance;
using FaceAttendance.Web.Admin;
using FaceAttendance.Web.Data;
using FaceAttendance.Web.Http;
using FaceAttendance.Web.People;
using FaceAttendance.Web.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FaceAttendance.Tests.Web.People;

/// <summary>Recognition that improves at the kiosk: a scan recognised well above the bar is added to its person as a
/// kiosk-learned face, at most a few, shown, removable, audited and erased with the person. Scanning the very photo a
/// person was enrolled from is recognised at a similarity of about 1, far ahead of the second person.</summary>
public sealed class KioskLearningTests
{
    /// <summary>Learning on, at the default bar unless told.</summary>
    private static Dictionary<string, string?> Learning(string? minSimilarity = null, int maxPerPerson = 3)
    {
        var settings = new Dictionary<string, string?>
        {
            ["FaceAttendance:KioskLearning"] = "true",
            ["FaceAttendance:LearnMaxPerPerson"] = maxPerPerson.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        if (minSimilarity is not null)
        {
            settings["FaceAttendance:LearnMinSimilarity"] = minSimilarity;
        }
        return settings;
    }

    [Fact]
    public async Task AScanRecognisedWellAboveTheBarIsLearnedVisibleInTheApiAndAudited()
    {
        await using var app = new FaceAttendanceApp(settings: Learning());
        var (al, _) = await EnrolTwoAsync(app);

        (await app.CheckAtKioskExpectingResultAsync(Photos.AlSharpton(1))).Person!.Name.Should().Be("Al Sharpton");
        // a second look within the duplicate window records nothing, so it teaches nothing either
        (await app.CheckAtKioskExpectingResultAsync(Photos.AlSharpton(1))).Status.Should().Be(AttendanceStatus.AlreadyRecorded);

        var faces = await FacesAsync(app, al);
        var kiosk = await app.KioskAsync();
        faces.Should().HaveCount(2);
        faces.Count(f => f.LearnedAtKioskId is null).Should().Be(1, "the enrolled face stays");
        var learned = faces.Single(f => f.LearnedAtKioskId is not null);
        learned.LearnedAtKioskId.Should().Be(kiosk.Id);
        using var admin = app.CreateAdminClient();
        (await admin.GetAsync($"/api/people/{al}/faces/{learned.Id}/photo")).StatusCode.Should().Be(HttpStatusCode.OK);
        var audit = (await admin.GetFromJsonAsync<Page<AuditEntryResponse>>("/api/audit?action=face.learned", Json.Options))!.Items;
        audit.Should().ContainSingle().Which.Should().Match<AuditEntryResponse>(e =>
            e.Subject == al.ToString() && e.Actor == "kiosk Front door" && e.Detail!.Contains(learned.Id.ToString()));
        var page = await admin.GetStringAsync($"/admin/people/details/{al}");
        page.Should().Contain("Learned at kiosk Front door on");
    }

    [Fact]
    public async Task LearningIsOffByDefault()
    {
        await using var app = new FaceAttendanceApp();
        var (al, _) = await EnrolTwoAsync(app);

        (await app.CheckAtKioskExpectingResultAsync(Photos.AlSharpton(1))).Person!.Name.Should().Be("Al Sharpton");

        (await FacesAsync(app, al)).Should().ContainSingle().Which.LearnedAtKioskId.Should().BeNull();
    }

    [Fact]
    public async Task AScanRecognisedBelowTheStrictBarIsNotLearned()
    {
        await using var app = new FaceAttendanceApp(settings: Learning(minSimilarity: "0.95"));
        var (al, _) = await EnrolTwoAsync(app);

        // another photo of him: recognised, but no second photo of a person comes near 0.95
        (await app.CheckAtKioskExpectingResultAsync(Photos.AlSharpton(6))).Person!.Name.Should().Be("Al Sharpton");

        (await app.EventsAsync()).Single().Similarity.Should().BeInRange(app.MatchThreshold, 0.95f);
        (await FacesAsync(app, al)).Should().ContainSingle().Which.LearnedAtKioskId.Should().BeNull();
        // the same bar learns the photo he was enrolled from (past the site's minimum gap, so it records): the bar is what
        // refused the other one
        app.Clock.Advance(TimeSpan.FromMinutes(31));
        await app.CheckAtKioskExpectingResultAsync(Photos.AlSharpton(1));
        (await FacesAsync(app, al)).Where(f => f.LearnedAtKioskId is not null).Should().ContainSingle();
    }

    [Fact]
    public async Task TheOldestLearnedFaceMakesWayAndEnrolledFacesAreNeverReplaced()
    {
        await using var app = new FaceAttendanceApp(settings: Learning(maxPerPerson: 2));
        var (al, _) = await EnrolTwoAsync(app);
        var enrolled = (await FacesAsync(app, al)).Single().Id;

        var learnedIds = new List<Guid>();
        for (var scan = 0; scan < 3; scan++)
        {
            await app.CheckAtKioskExpectingResultAsync(Photos.AlSharpton(1));
            learnedIds.Add((await FacesAsync(app, al)).Where(f => f.LearnedAtKioskId is not null).MaxBy(f => f.CreatedAt)!.Id);
            app.Clock.Advance(TimeSpan.FromMinutes(31)); // past the site's minimum gap: each scan records, and so may teach
        }

        var faces = await FacesAsync(app, al);
        faces.Select(f => f.Id).Should().BeEquivalentTo([enrolled, learnedIds[1], learnedIds[2]]);
        var photos = await PhotosOfAsync(app, al);
        photos.Should().HaveCount(3).And.NotContain(key => key.Contains(learnedIds[0].ToString("N")), "the replaced face's photo goes with it");
    }

    [Fact]
    public async Task ALearnedFaceIsRemovedLikeAnyFace()
    {
        await using var app = new FaceAttendanceApp(settings: Learning());
        var (al, _) = await EnrolTwoAsync(app);
        await app.CheckAtKioskExpectingResultAsync(Photos.AlSharpton(1));
        var learned = (await FacesAsync(app, al)).Single(f => f.LearnedAtKioskId is not null);
        using var admin = app.CreateAdminClient();

        (await admin.DeleteAsync($"/api/people/{al}/faces/{learned.Id}")).StatusCode.Should().Be(HttpStatusCode.NoContent);

        (await FacesAsync(app, al)).Should().ContainSingle().Which.LearnedAtKioskId.Should().BeNull();
        (await PhotosOfAsync(app, al)).Should().ContainSingle();
    }

    [Fact]
    public async Task ErasingThePersonErasesTheirLearnedFacesAndPhotos()
    {
        await using var app = new FaceAttendanceApp(settings: Learning());
        var (al, _) = await EnrolTwoAsync(app);
        await app.CheckAtKioskExpectingResultAsync(Photos.AlSharpton(1));
        (await PhotosOfAsync(app, al)).Should().HaveCount(2, "the enrolled photo and the learned one");
        using var admin = app.CreateAdminClient();

        (await admin.DeleteAsync($"/api/people/{al}")).EnsureSuccessStatusCode();

        (await PhotosOfAsync(app, al)).Should().BeEmpty();
        await using var scope = app.Services.CreateAsyncScope();
        (await scope.ServiceProvider.GetRequiredService<AttendanceDbContext>().Faces.CountAsync(f => f.PersonId == al)).Should().Be(0);
    }

    /// <summary>Al Sharpton from one photo, and Alan Greenspan so that there is a second-closest person to lead.</summary>
    private static async Task<(Guid Al, Guid Alan)> EnrolTwoAsync(FaceAttendanceApp app)
    {
        var al = await app.EnrolPersonAsync("E100", "Al Sharpton", Photos.AlSharpton(1));
        var alan = await app.EnrolPersonAsync("E200", "Alan Greenspan", Photos.AlanGreenspan(2), Photos.AlanGreenspan(3));
        return (al.Id, alan.Id);
    }

    private static async Task<IReadOnlyList<FaceResponse>> FacesAsync(FaceAttendanceApp app, Guid personId)
    {
        using var admin = app.CreateAdminClient();
        return (await admin.GetFromJsonAsync<PersonDetails>($"/api/people/{personId}", Json.Options))!.Faces;
    }

    private static async Task<IReadOnlyList<string>> PhotosOfAsync(FaceAttendanceApp app, Guid personId) =>
        await app.Services.GetRequiredService<IObjectStore>().ListAsync($"{ObjectKeys.FacesPrefix}{personId:N}/", CancellationToken.None).ToListAsync();
}
