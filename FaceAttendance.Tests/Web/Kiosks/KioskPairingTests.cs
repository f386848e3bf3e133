using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using FaceAttendance.Tests.Web.Support;
using FaceAttendance.Web.Kiosks;

namespace FaceAttendance.Tests.Web.Kiosks;

/// <summary>How a kiosk comes to be trusted and stops being: an admin adds it and gets a one-time code, the kiosk trades
/// the code for its HttpOnly device cookie, an admin revokes or pairs it again; the admin API lists, renames and finds
/// kiosks, and is for admins only.</summary>
public sealed class KioskPairingTests
{
    private static readonly DateTimeOffset Monday0900 = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task APairingCodeGivesTheBrowserAStrictHttpOnlyCookieThatAloneOpensTheKioskRoutesOnce()
    {
        await using var app = new FaceAttendanceApp(now: Monday0900);
        using var admin = app.CreateAdminClient();
        var added = await AddAsync(admin, "Front door", "Head office");
        using var browser = app.CreateClient(); // keeps cookies, as a browser does
        using var publicKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);

        var before = await browser.GetAsync("/kiosk/me");
        var paired = await browser.PostAsJsonAsync("/kiosk/pair", new { code = added.Pairing.Code, publicKey = SubjectPublicKeyInfo(publicKey) });
        var me = await browser.GetAsync("/kiosk/me");
        var presign = await browser.PostAsJsonAsync("/presign", new { contentType = "image/jpeg" });
        using var another = app.CreateClient();
        var reused = await another.PostAsJsonAsync("/kiosk/pair", new { code = added.Pairing.Code });

        await before.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "kiosk-not-paired");
        paired.StatusCode.Should().Be(HttpStatusCode.OK, await paired.Content.ReadAsStringAsync());
        var cookie = paired.Headers.GetValues("Set-Cookie").Should().ContainSingle().Subject;
        cookie.Should().StartWith($"{KioskAuth.CookieName}=");
        cookie.ToLowerInvariant().Should().Contain("httponly").And.Contain("samesite=strict").And.Contain("path=/");
        browser.DefaultRequestHeaders.Authorization.Should().BeNull("the cookie alone carries the device token");
        me.StatusCode.Should().Be(HttpStatusCode.OK, await me.Content.ReadAsStringAsync());
        var identity = (await me.Content.ReadFromJsonAsync<KioskIdentity>(Json.Options))!;
        identity.Name.Should().Be("Front door");
        identity.Site.Should().Be("Head office");
        identity.CanScanOffline.Should().BeTrue("it gave its public key");
        presign.StatusCode.Should().Be(HttpStatusCode.OK, await presign.Content.ReadAsStringAsync());
        await reused.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "pairing-code-invalid");
        (await ListAsync(admin)).Single().State.Should().Be("paired");
    }

    [Fact]
    public async Task APairingCodeRunsOutAfterItsLifetimeAndAWrongCodeOrKeyIsRefused()
    {
        await using var app = new FaceAttendanceApp(now: Monday0900);
        using var admin = app.CreateAdminClient();
        var expiring = await AddAsync(admin, "Front door", "Head office");
        var other = await AddAsync(admin, "Back door", "Head office");
        using var browser = app.CreateClient();

        var wrong = await browser.PostAsJsonAsync("/kiosk/pair", new { code = "ABCD-EFGH" });
        var badKey = await browser.PostAsJsonAsync("/kiosk/pair", new { code = other.Pairing.Code, publicKey = Convert.ToBase64String("not a key"u8) });
        using var rsa = RSA.Create(2048);
        var notP256 = await browser.PostAsJsonAsync("/kiosk/pair", new { code = other.Pairing.Code, publicKey = Convert.ToBase64String(rsa.ExportSubjectPublicKeyInfo()) });
        app.Clock.Advance(TimeSpan.FromMinutes(31)); // past Kiosk:PairingCodeLifetime (30 min)
        var expired = await browser.PostAsJsonAsync("/kiosk/pair", new { code = expiring.Pairing.Code });

        expiring.Pairing.ExpiresAt.Should().Be(Monday0900.AddMinutes(30).UtcDateTime);
        await wrong.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "pairing-code-invalid");
        await badKey.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "invalid-public-key");
        await notP256.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "invalid-public-key");
        await expired.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "pairing-code-invalid");
        (await browser.GetAsync("/kiosk/me")).StatusCode.Should().Be(HttpStatusCode.Unauthorized, "no attempt paired the browser");
        (await ListAsync(admin)).Should().OnlyContain(kiosk => kiosk.State == "awaiting-pairing");
    }

    [Fact]
    public async Task ARevokedKioskIsToldItWasUnpairedAndPairingAgainReplacesItsToken()
    {
        await using var app = new FaceAttendanceApp(now: Monday0900);
        using var admin = app.CreateAdminClient();
        var paired = await app.KioskAsync();
        using var kiosk = paired.Authorise(app.CreateClient());
        (await kiosk.GetAsync("/kiosk/me")).StatusCode.Should().Be(HttpStatusCode.OK);

        var revoked = await admin.PostAsync($"/api/kiosks/{paired.Id}/revoke", null);
        var me = await kiosk.GetAsync("/kiosk/me");
        var presign = await kiosk.PostAsJsonAsync("/presign", new { contentType = "image/jpeg" });
        var scan = await kiosk.PostAsync("/attendance", FaceAttendanceApp.ImageForm(Photos.AlSharpton(6), "image/jpeg"));
        var again = await admin.PostAsJsonAsync($"/api/kiosks/{paired.Id}/token", new { publicKey = (string?)null });
        var newToken = (await again.Content.ReadFromJsonAsync<KioskToken>(Json.Options))!;
        using var repaired = app.CreateClient();
        repaired.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", newToken.Token);

        revoked.StatusCode.Should().Be(HttpStatusCode.OK);
        (await revoked.Content.ReadFromJsonAsync<KioskResponse>(Json.Options))!.State.Should().Be("revoked");
        var problem = await me.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "kiosk-unpaired");
        problem.GetProperty("detail").GetString().Should().Be("This kiosk was unpaired — ask an admin.");
        await presign.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "kiosk-unpaired");
        await scan.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "kiosk-unpaired");
        newToken.Token.Should().NotBe(paired.Token);
        newToken.Kiosk.State.Should().Be("paired");
        (await repaired.GetAsync("/kiosk/me")).StatusCode.Should().Be(HttpStatusCode.OK);
        await (await kiosk.GetAsync("/kiosk/me")).ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "kiosk-unpaired");
        (await app.StoredOutcomesAsync()).Should().BeEmpty("the revoked kiosk's scan was not decided");
    }

    [Fact]
    public async Task PairingAgainWithoutRevokingReplacesTheTokenToo()
    {
        await using var app = new FaceAttendanceApp(now: Monday0900);
        using var admin = app.CreateAdminClient();
        var paired = await app.KioskAsync();
        using var kiosk = paired.Authorise(app.CreateClient());

        var code = (await (await admin.PostAsync($"/api/kiosks/{paired.Id}/pairing-code", null)).Content.ReadFromJsonAsync<PairingCode>(Json.Options))!;
        var stillWorks = await kiosk.GetAsync("/kiosk/me"); // until the code is used
        using var browser = app.CreateClient();
        (await browser.PostAsJsonAsync("/kiosk/pair", new { code = code.Code })).StatusCode.Should().Be(HttpStatusCode.OK);

        stillWorks.StatusCode.Should().Be(HttpStatusCode.OK);
        (await browser.GetAsync("/kiosk/me")).StatusCode.Should().Be(HttpStatusCode.OK);
        await (await kiosk.GetAsync("/kiosk/me")).ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "kiosk-unpaired");
    }

    [Fact]
    public async Task ABrowserThatWasAKioskAndPairsAsAnotherLeavesTheFirstAwaitingPairingNotPairedToNothing()
    {
        await using var app = new FaceAttendanceApp(now: Monday0900);
        using var admin = app.CreateAdminClient();
        var reception = await AddAsync(admin, "Reception", "Head office");
        var frontDoor = await AddAsync(admin, "Front door", "Head office");
        using var browser = app.CreateClient(); // keeps cookies, as a browser does
        (await browser.PostAsJsonAsync("/kiosk/pair", new { code = reception.Pairing.Code })).EnsureSuccessStatusCode();

        (await browser.PostAsJsonAsync("/kiosk/pair", new { code = frontDoor.Pairing.Code })).EnsureSuccessStatusCode();

        var kiosks = await ListAsync(admin);
        kiosks.Single(k => k.Name == "Reception").State.Should().Be("awaiting-pairing", "its only browser became the front door");
        kiosks.Single(k => k.Name == "Front door").State.Should().Be("paired");
        (await (await browser.GetAsync("/kiosk/me")).Content.ReadFromJsonAsync<KioskIdentity>(Json.Options))!.Name.Should().Be("Front door");
        (await admin.GetStringAsync("/api/audit.csv")).Should().Contain("kiosk.replaced");
    }

    [Fact]
    public async Task TheListShowsEachKiosksStateAndLastContactAndAnAdminCanRenameIt()
    {
        await using var app = new FaceAttendanceApp(now: Monday0900);
        using var admin = app.CreateAdminClient();
        var paired = await app.KioskAsync();
        using var kiosk = paired.Authorise(app.CreateClient());
        await AddAsync(admin, "Loading bay", "Warehouse");
        using var revoked = await app.PairKioskAsync("Old tablet");
        (await admin.PostAsync($"/api/kiosks/{revoked.Id}/revoke", null)).EnsureSuccessStatusCode();

        var atPairing = (await ListAsync(admin)).Single(k => k.Id == paired.Id);
        app.Clock.Advance(TimeSpan.FromMinutes(5));
        (await kiosk.GetAsync("/kiosk/me")).EnsureSuccessStatusCode();
        var afterContact = (await ListAsync(admin)).Single(k => k.Id == paired.Id);
        var renamed = await admin.PutAsJsonAsync($"/api/kiosks/{paired.Id}", new { name = "Main entrance", site = "Head office" });
        var me = await kiosk.GetFromJsonAsync<KioskIdentity>("/kiosk/me", Json.Options);

        (await ListAsync(admin)).Select(k => (k.Name, k.State)).Should().BeEquivalentTo(
            [("Main entrance", "paired"), ("Loading bay", "awaiting-pairing"), ("Old tablet", "revoked")]);
        atPairing.LastContactAt.Should().Be(Monday0900.UtcDateTime);
        afterContact.LastContactAt.Should().Be(Monday0900.AddMinutes(5).UtcDateTime, "a kiosk request is a contact");
        renamed.StatusCode.Should().Be(HttpStatusCode.OK, await renamed.Content.ReadAsStringAsync());
        (await renamed.Content.ReadFromJsonAsync<KioskResponse>(Json.Options))!.Name.Should().Be("Main entrance");
        me!.Name.Should().Be("Main entrance");
    }

    [Fact]
    public async Task AnUnknownKioskIsNotFoundAndTheKioskAdminApiIsForAdminsOnly()
    {
        await using var app = new FaceAttendanceApp(now: Monday0900);
        using var admin = app.CreateAdminClient();
        using var anonymous = app.CreateClient();
        var paired = await app.KioskAsync();
        using var kiosk = paired.Authorise(app.CreateClient());
        var unknown = Guid.NewGuid();

        var notFound = new[]
        {
            await admin.PutAsJsonAsync($"/api/kiosks/{unknown}", new { name = "Nowhere", site = "Nowhere" }),
            await admin.PostAsync($"/api/kiosks/{unknown}/pairing-code", null),
            await admin.PostAsJsonAsync($"/api/kiosks/{unknown}/token", new { publicKey = (string?)null }),
            await admin.PostAsync($"/api/kiosks/{unknown}/revoke", null),
        };
        var refused = new List<HttpResponseMessage>();
        foreach (var client in new[] { anonymous, kiosk })
        {
            refused.Add(await client.GetAsync("/api/kiosks"));
            refused.Add(await client.PostAsJsonAsync("/api/kiosks", new { name = "Sneaky", site = "Head office" }));
            refused.Add(await client.PostAsJsonAsync($"/api/kiosks/{paired.Id}/token", new { publicKey = (string?)null }));
            refused.Add(await client.PostAsync($"/api/kiosks/{paired.Id}/revoke", null));
        }

        foreach (var response in notFound)
        {
            await response.ShouldBeProblemAsync(HttpStatusCode.NotFound, "kiosk-not-found");
        }
        foreach (var response in refused)
        {
            await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        }
        (await ListAsync(admin)).Should().ContainSingle().Which.State.Should().Be("paired", "nothing the refused requests asked was done");
        (await kiosk.GetAsync("/kiosk/me")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    private static async Task<AddedKiosk> AddAsync(HttpClient admin, string name, string site)
    {
        var added = await PairedKioskClient.AddAsync(admin, name, site);
        added.Kiosk.State.Should().Be("awaiting-pairing");
        added.Pairing.Code.Should().NotBeNullOrWhiteSpace();
        return added;
    }

    private static async Task<KioskResponse[]> ListAsync(HttpClient admin) =>
        (await admin.GetFromJsonAsync<KioskResponse[]>("/api/kiosks", Json.Options))!;

    private static string SubjectPublicKeyInfo(ECDsa key) => Convert.ToBase64String(key.ExportSubjectPublicKeyInfo());
}
