using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using FaceAttendance.Tests.Web.Support;
using FaceAttendance.Web.Admin;
using FaceAttendance.Web.Data;
using FaceAttendance.Web.Http;
using FaceAttendance.Web.People;
using FaceAttendance.Web.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FaceAttendance.Tests.Web.Admin;

public sealed class AdminApiTests
{
    [Theory]
    [InlineData("GET", "/api/people")]
    [InlineData("POST", "/api/people")]
    [InlineData("DELETE", "/api/people/0196a7d2-0000-7000-8000-000000000000")]
    [InlineData("GET", "/api/attendance")]
    [InlineData("GET", "/api/attendance.csv")]
    [InlineData("GET", "/api/timesheets")]
    public async Task TheAdminApiRefusesRequestsWithoutCredentials(string method, string path)
    {
        await using var app = new FaceAttendanceApp();
        using var anonymous = app.CreateClient();
        using var wrongKey = app.CreateClient();
        wrongKey.DefaultRequestHeaders.Add("X-Api-Key", "not-the-key");

        await (await anonymous.SendAsync(new HttpRequestMessage(new HttpMethod(method), path))).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        await (await wrongKey.SendAsync(new HttpRequestMessage(new HttpMethod(method), path))).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData(FaceAttendanceApp.AdminPassword, HttpStatusCode.OK)]
    [InlineData("wrong-password", HttpStatusCode.Unauthorized)]
    public async Task TheAdminCookieFromTheLoginPageOpensTheApiOnlyForTheRightPassword(string password, HttpStatusCode expected)
    {
        await using var app = new FaceAttendanceApp();
        using var browser = app.CreateClient();
        var loginPage = await browser.GetStringAsync("/admin/login");
        var antiforgery = Regex.Match(loginPage, "name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"").Groups[1].Value;

        await browser.PostAsync("/admin/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Password"] = password,
            ["__RequestVerificationToken"] = antiforgery,
        }));

        (await browser.GetAsync("/api/people")).StatusCode.Should().Be(expected);
    }

    [Fact]
    public async Task RepeatedWrongPasswordsLockTheLoginOutEvenForTheRightOneUntilTheLockoutEnds()
    {
        await using var app = new FaceAttendanceApp();
        using var browser = app.CreateClient(new() { AllowAutoRedirect = false });
        async Task<HttpResponseMessage> LogInAsync(string password)
        {
            var page = await browser.GetStringAsync("/admin/login");
            var antiforgery = Regex.Match(page, "name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"").Groups[1].Value;
            return await browser.PostAsync("/admin/login", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Input.Password"] = password,
                ["__RequestVerificationToken"] = antiforgery,
            }));
        }

        for (var attempt = 0; attempt <= LoginThrottle.FreeFailures; attempt++)
        {
            (await (await LogInAsync("wrong-password")).Content.ReadAsStringAsync()).Should().Contain("That name, password or code is not right.");
        }
        var locked = await LogInAsync(FaceAttendanceApp.AdminPassword);
        app.Clock.Advance(TimeSpan.FromSeconds(31));
        var afterLockout = await LogInAsync(FaceAttendanceApp.AdminPassword);

        locked.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        (await locked.Content.ReadAsStringAsync()).Should().Contain("Too many wrong passwords. Try again in 30 s.");
        locked.Headers.RetryAfter!.Delta.Should().Be(TimeSpan.FromSeconds(30));
        afterLockout.StatusCode.Should().Be(HttpStatusCode.Redirect, "the lockout of the first failure past the free ones is 30 s");
    }

    [Fact]
    public async Task GeneratedCredentialsAreStoredHashedAndTheApiStaysClosed()
    {
        var settings = new Dictionary<string, string?> { ["FaceAttendance:Admin:ApiKey"] = "", ["FaceAttendance:Admin:Password"] = "" };
        await using var app = new FaceAttendanceApp(settings: settings);
        using var client = app.CreateClient();

        (await client.GetAsync("/api/people")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        // made right after the server started (or at the first sign-in, if that comes first)
        _ = app.Services.GetRequiredService<FaceAttendance.Web.Admin.AdminCredentials>();
        await using var scope = app.Services.CreateAsyncScope();
        var stored = await scope.ServiceProvider.GetRequiredService<AttendanceDbContext>().AdminCredentials.SingleAsync();
        Convert.FromBase64String(stored.ApiKeySha256).Should().HaveCount(32, "the key is kept only as its SHA-256");
        stored.PasswordHash.Should().StartWith("AQAAAA", "ASP.NET Core Identity's salted PBKDF2 format");
        Directory.GetFiles(app.DataDir).Should().NotContain(file => file.EndsWith(".json"), "every instance reads them from the database");
    }

    [Theory]
    [InlineData("Ann\u0000Smith")]
    [InlineData("Ann \u202Ehtims")] // RIGHT-TO-LEFT OVERRIDE: displays as "Ann smith"
    [InlineData("Ann\nSmith")]
    public async Task NamesAndIdsWithControlOrTextDirectionCharactersAreRefused(string hidden)
    {
        await using var app = new FaceAttendanceApp();
        using var admin = app.CreateAdminClient();

        var byName = await admin.PostAsJsonAsync("/api/people", new { employeeId = "E1", name = hidden });
        var byId = await admin.PostAsJsonAsync("/api/people", new { employeeId = hidden, name = "Ann Smith" });
        var created = await app.CreatePersonAsync("E2", "Ann Smith");
        var renamed = await admin.PatchAsJsonAsync($"/api/people/{created.Id}", new { name = hidden });

        foreach (var response in new[] { byName, byId, renamed })
        {
            (await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).ToString().Should().Contain("control or text-direction characters");
        }
    }

    [Fact]
    public async Task PeopleCanBeCreatedFoundPagedRenamedAndRefusedTwice()
    {
        await using var app = new FaceAttendanceApp();
        using var admin = app.CreateAdminClient();
        foreach (var (id, name) in new[] { ("E1", "Ada Lovelace"), ("E2", "Alan Turing"), ("E3", "Grace Hopper") })
        {
            (await admin.PostAsJsonAsync("/api/people", new { employeeId = id, name })).StatusCode.Should().Be(HttpStatusCode.Created);
        }

        var search = await admin.GetFromJsonAsync<Page<PersonResponse>>("/api/people?search=al", Json.Options);
        var secondPage = await admin.GetFromJsonAsync<Page<PersonResponse>>("/api/people?page=2&pageSize=2", Json.Options);
        var turing = search!.Items.Single();
        var renamed = await admin.PatchAsJsonAsync($"/api/people/{turing.Id}", new { name = "Alan M. Turing", email = "alan@example.org" });
        var duplicate = await admin.PostAsJsonAsync("/api/people", new { employeeId = "E1", name = "Someone Else" });

        turing.Name.Should().Be("Alan Turing");
        secondPage!.Total.Should().Be(3);
        secondPage.Items.Select(p => p.Name).Should().Equal("Grace Hopper");
        (await renamed.Content.ReadFromJsonAsync<PersonResponse>(Json.Options)).Should().BeEquivalentTo(
            new { EmployeeId = "E2", Name = "Alan M. Turing", Email = "alan@example.org" });
        await duplicate.ShouldBeProblemAsync(HttpStatusCode.Conflict, "employee-id-taken");
    }

    [Fact]
    public async Task TypedPeopleAreTrimmedSoASpaceDoesNotMakeASecondEmployee()
    {
        await using var app = new FaceAttendanceApp();
        using var admin = app.CreateAdminClient();

        var created = await admin.PostAsJsonAsync("/api/people", new { employeeId = " E7 ", name = " Ada Lovelace " });
        var person = await created.Content.ReadFromJsonAsync<PersonResponse>(Json.Options);
        var again = await admin.PostAsJsonAsync("/api/people", new { employeeId = "E7", name = "Someone Else" });
        var renamed = await admin.PatchAsJsonAsync($"/api/people/{person!.Id}", new { name = "  Ada King  ", email = " ada@example.org " });
        var blanked = await admin.PatchAsJsonAsync($"/api/people/{person.Id}", new { name = "   " });

        person.Should().BeEquivalentTo(new { EmployeeId = "E7", Name = "Ada Lovelace", Email = (string?)null });
        await again.ShouldBeProblemAsync(HttpStatusCode.Conflict, "employee-id-taken");
        (await renamed.Content.ReadFromJsonAsync<PersonResponse>(Json.Options)).Should().BeEquivalentTo(
            new { EmployeeId = "E7", Name = "Ada King", Email = "ada@example.org" });
        await blanked.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task CreatingAPersonWithoutANameIsAValidationProblem()
    {
        await using var app = new FaceAttendanceApp();
        using var admin = app.CreateAdminClient();

        var response = await admin.PostAsJsonAsync("/api/people", new { employeeId = "E1" });

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).Should().Contain(n => n.Equals("name", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task UnknownPeopleAndFacesAreNotFound()
    {
        await using var app = new FaceAttendanceApp();
        using var admin = app.CreateAdminClient();
        var nobody = Guid.NewGuid();
        var someone = await app.CreatePersonAsync("E1", "Ada Lovelace");

        await (await admin.GetAsync($"/api/people/{nobody}")).ShouldBeProblemAsync(HttpStatusCode.NotFound, "person-not-found");
        await (await admin.PatchAsJsonAsync($"/api/people/{nobody}", new { name = "x" })).ShouldBeProblemAsync(HttpStatusCode.NotFound, "person-not-found");
        await (await admin.DeleteAsync($"/api/people/{nobody}")).ShouldBeProblemAsync(HttpStatusCode.NotFound, "person-not-found");
        await (await app.EnrolAsync(nobody, Photos.AlSharpton(1))).ShouldBeProblemAsync(HttpStatusCode.NotFound, "person-not-found");
        await (await admin.DeleteAsync($"/api/people/{someone.Id}/faces/{nobody}")).ShouldBeProblemAsync(HttpStatusCode.NotFound, "face-not-found");
        await (await admin.PostAsJsonAsync($"/api/people/{someone.Id}/faces", new { key = "snapshots/2026/01/01/nothing.jpg" }))
            .ShouldBeProblemAsync(HttpStatusCode.NotFound, "unknown-key");
        await (await admin.PostAsJsonAsync($"/api/people/{someone.Id}/faces", new { key = "" }))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "key-missing");
    }

    [Fact]
    public async Task EnrolmentReportsTheQualityAndKeepsThePhoto()
    {
        await using var app = new FaceAttendanceApp();
        var al = await app.CreatePersonAsync("E100", "Al Sharpton");
        using var admin = app.CreateAdminClient();

        var response = await app.EnrolAsync(al.Id, Photos.AlSharpton(1));
        var enrolled = await response.Content.ReadFromJsonAsync<EnrolledFaceResponse>(Json.Options);

        response.StatusCode.Should().Be(HttpStatusCode.Created);
        enrolled!.Quality!.Acceptable.Should().BeTrue();
        enrolled.Quality.FaceWidthPx.Should().BePositive();
        (await admin.GetByteArrayAsync($"/api/people/{al.Id}/faces/{enrolled.FaceId}/photo")).Should().Equal(Photos.AlSharpton(1));
        var details = await admin.GetFromJsonAsync<PersonDetails>($"/api/people/{al.Id}", Json.Options);
        details!.Faces.Should().ContainSingle().Which.ModelId.Should().Be(app.Engine.ModelId);
    }

    [Fact]
    public async Task AFaceCanBeEnrolledFromAnUploadedKey()
    {
        await using var app = new FaceAttendanceApp();
        var ariel = await app.CreatePersonAsync("E300", "Ariel Sharon");
        using var admin = app.CreateAdminClient();
        var upload = await FaceAttendanceApp.PresignAsync(admin);
        (await FaceAttendanceApp.UploadAsync(admin, upload, Photos.ArielSharon(27))).EnsureSuccessStatusCode();

        var response = await admin.PostAsJsonAsync($"/api/people/{ariel.Id}/faces", new { key = upload.Key });

        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        (await app.Services.GetRequiredService<IObjectStore>().ReadAsync(upload.Key, CancellationToken.None)).Should()
            .BeNull("the photo is kept under faces/, so the upload is not left behind as a second copy");
        (await app.CheckAtKioskExpectingResultAsync(Photos.ArielSharon(59))).Person!.Name.Should().Be("Ariel Sharon");
        (await app.EventsAsync()).Single().PersonId.Should().Be(ariel.Id);
    }

    [Fact]
    public async Task OnlyAFreshUndecidedUploadCanBeEnrolledByKeyNotAFacePhotoOrAKiosksEvidence()
    {
        await using var app = new FaceAttendanceApp();
        var al = await app.EnrolPersonAsync("E100", "Al Sharpton", Photos.AlSharpton(1));
        using var admin = app.CreateAdminClient();
        var facePhoto = await app.Services.GetRequiredService<IObjectStore>().ListAsync(ObjectKeys.FacesPrefix, CancellationToken.None).SingleAsync();
        using var kiosk = await app.CreateKioskClientAsync();
        var scanned = await FaceAttendanceApp.PresignAsync(kiosk);
        (await FaceAttendanceApp.UploadAsync(kiosk, scanned, Photos.AlSharpton(6))).EnsureSuccessStatusCode();
        (await kiosk.PostAsJsonAsync("/attendance", new { key = scanned.Key })).EnsureSuccessStatusCode();
        var stale = await FaceAttendanceApp.PresignAsync(admin);
        (await FaceAttendanceApp.UploadAsync(admin, stale, Photos.AlSharpton(2))).EnsureSuccessStatusCode();
        app.Clock.Advance(TimeSpan.FromMinutes(7));

        foreach (var key in new[] { facePhoto, scanned.Key, stale.Key })
        {
            var response = await admin.PostAsJsonAsync($"/api/people/{al.Id}/faces", new { key });
            await response.ShouldBeProblemAsync(HttpStatusCode.NotFound, "unknown-key");
        }
    }

    [Fact]
    public async Task AFaceThatAlreadyBelongsToSomeoneElseIsRefused()
    {
        await using var app = new FaceAttendanceApp();
        var al = await app.EnrolPersonAsync("E100", "Al Sharpton", Photos.AlSharpton(1));
        var impostor = await app.CreatePersonAsync("E999", "Not Al");

        var response = await app.EnrolAsync(impostor.Id, Photos.AlSharpton(6));

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "face-belongs-to-other");
        problem.GetProperty("otherPersonId").GetGuid().Should().Be(al.Id);
    }

    [Fact]
    public async Task APoorPhotoIsNotEnrolledAndItsVerdictIsShown()
    {
        await using var app = new FaceAttendanceApp();
        var al = await app.CreatePersonAsync("E100", "Al Sharpton");

        var response = await app.EnrolAsync(al.Id, Photos.Darkened(Photos.AlSharpton(1)));

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "poor-quality");
        problem.GetProperty("quality").GetProperty("acceptable").GetBoolean().Should().BeFalse();
        var faces = Path.Combine(app.DataDir, "objects", "faces");
        (Directory.Exists(faces) ? Directory.EnumerateFiles(faces, "*", SearchOption.AllDirectories) : []).Should()
            .BeEmpty("a photo is judged before it is stored, so a refused one never reaches the store");
    }

    [Fact]
    public async Task APhotoOfSomeoneElseIsRefusedAsAMismatchUnlessTheAdminForcesIt()
    {
        await using var app = new FaceAttendanceApp();
        var al = await app.EnrolPersonAsync("E100", "Al Sharpton", Photos.AlSharpton(1));

        var refused = await app.EnrolAsync(al.Id, Photos.ArielSharon(27));

        var problem = await refused.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "face-mismatch");
        problem.GetProperty("similarity").GetSingle().Should().BeLessThan(app.MatchThreshold);
        using var admin = app.CreateAdminClient();
        (await admin.GetFromJsonAsync<PersonDetails>($"/api/people/{al.Id}", Json.Options))!.Faces.Should().ContainSingle();

        using var form = FaceAttendanceApp.ImageForm(Photos.ArielSharon(27), FaceAttendance.Web.Storage.ImageFormats.Jpeg);
        var forced = await admin.PostAsync($"/api/people/{al.Id}/faces?force=true", form);

        forced.StatusCode.Should().Be(HttpStatusCode.Created, await forced.Content.ReadAsStringAsync());
        (await admin.GetFromJsonAsync<PersonDetails>($"/api/people/{al.Id}", Json.Options))!.Faces.Should().HaveCount(2);
    }

    [Fact]
    public async Task AnotherPhotoOfTheSamePersonIsNotAMismatch()
    {
        await using var app = new FaceAttendanceApp();
        var al = await app.EnrolPersonAsync("E100", "Al Sharpton", Photos.AlSharpton(1));

        var response = await app.EnrolAsync(al.Id, Photos.AlSharpton(6));

        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
    }
}
