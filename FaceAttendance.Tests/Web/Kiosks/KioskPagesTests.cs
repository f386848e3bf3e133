using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using FaceAttendance.Tests.Web.Support;
using FaceAttendance.Web.Kiosks;

namespace FaceAttendance.Tests.Web.Kiosks;

/// <summary>Admin › Kiosks and the dashboard's first-run shortcut, through real HTTP with the admin's login cookie: a kiosk
/// added on the page gets a code that pairs once, is listed with its state, can be renamed and, after a confirmation,
/// revoked; "Use this browser as a kiosk" sends the browser to the kiosk page with a code that pairs it.</summary>
public sealed partial class KioskPagesTests
{
    private static readonly DateTimeOffset Monday0900 = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task AKioskAddedOnThePageShowsItsCodeOnceAndTheCodePairsTheKioskOnce()
    {
        await using var app = new FaceAttendanceApp(now: Monday0900);
        using var browser = await SignedInBrowserAsync(app);

        var added = await PostFormAsync(browser, "/admin/kiosks", new()
        {
            ["Input.Name"] = "Front door", ["Input.NewSiteName"] = "Head office", ["Input.TimeZone"] = "Europe/London",
        });
        added.StatusCode.Should().Be(HttpStatusCode.Redirect, await added.Content.ReadAsStringAsync());
        var kioskPage = added.Headers.Location!.OriginalString;
        var shown = await browser.GetStringAsync(kioskPage);
        var shownAgain = await browser.GetStringAsync(kioskPage);
        var code = PairingLink().Match(shown).Groups[1].Value;
        using var tablet = app.CreateClient();
        var paired = await tablet.PostAsJsonAsync("/kiosk/pair", new { code = Uri.UnescapeDataString(code) });
        var pairedAgain = await app.CreateClient().PostAsJsonAsync("/kiosk/pair", new { code = Uri.UnescapeDataString(code) });
        var list = await browser.GetStringAsync("/admin/kiosks");

        kioskPage.Should().StartWith("/admin/kiosks/details/");
        code.Should().MatchRegex("^[A-Z2-9]{5}-[A-Z2-9]{5}$");
        shown.Should().Contain("On the tablet, open the kiosk page and scan this code, or type the code")
            .And.Contain("src=\"data:image/png;base64,", "the QR code of the pairing URL, as the CSP allows")
            .And.Contain($"<strong>{Uri.UnescapeDataString(code)}</strong>")
            .And.Contain("It works once, until Mon 2 Mar 2026 09:30", "the code's expiry, 30 minutes on, in the app's time zone (UTC)");
        shownAgain.Should().NotContain(Uri.UnescapeDataString(code), "the code is shown once, right after it is issued");
        paired.StatusCode.Should().Be(HttpStatusCode.OK, await paired.Content.ReadAsStringAsync());
        (await paired.Content.ReadFromJsonAsync<KioskIdentity>(Json.Options))!.Should().BeEquivalentTo(
            new { Name = "Front door", Site = "Head office", TimeZone = "Europe/London", CanScanOffline = false });
        (await tablet.GetAsync("/kiosk/me")).StatusCode.Should().Be(HttpStatusCode.OK, "the pairing set the tablet's device cookie");
        await pairedAgain.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "pairing-code-invalid");
        Row(list, "Front door").Should().Contain("<td>Head office</td>").And.Contain("<td>Europe/London</td>").And.Contain("<td>Paired</td>")
            .And.Contain("just now").And.Contain("Mon 2 Mar 2026 09:00");
    }

    [Fact]
    public async Task ANewPairingCodeIsShownWithItsQrCodeAndReplacesTheEarlierOne()
    {
        await using var app = new FaceAttendanceApp(now: Monday0900);
        using var browser = await SignedInBrowserAsync(app);
        var added = await PostFormAsync(browser, "/admin/kiosks", new()
        {
            ["Input.Name"] = "Back door", ["Input.NewSiteName"] = "Depot", ["Input.TimeZone"] = "UTC",
        });
        var kioskPage = added.Headers.Location!.OriginalString;
        var first = PairingLink().Match(await browser.GetStringAsync(kioskPage)).Groups[1].Value;

        var renewed = await PostFormAsync(browser, $"{kioskPage}?handler=PairingCode", []);
        var shown = await browser.GetStringAsync(renewed.Headers.Location!.OriginalString);
        var second = PairingLink().Match(shown).Groups[1].Value;

        renewed.StatusCode.Should().Be(HttpStatusCode.Redirect);
        shown.Should().Contain("data:image/png;base64,");
        second.Should().NotBeEmpty().And.NotBe(first);
        await (await app.CreateClient().PostAsJsonAsync("/kiosk/pair", new { code = first }))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "pairing-code-invalid");
        (await app.CreateClient().PostAsJsonAsync("/kiosk/pair", new { code = second })).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task AFormWithMistakesIsShownAgainWithItsErrorsNotAServerError()
    {
        await using var app = new FaceAttendanceApp(now: Monday0900);
        using var browser = await SignedInBrowserAsync(app);

        var blank = await PostFormAsync(browser, "/admin/kiosks", new() { ["Input.Name"] = " ", ["Input.NewSiteName"] = "Depot", ["Input.TimeZone"] = "UTC" });
        var unknownZone = await PostFormAsync(browser, "/admin/kiosks", new()
        {
            ["Input.Name"] = "Gate", ["Input.NewSiteName"] = "Depot", ["Input.TimeZone"] = "Mars/Olympus_Mons",
        });
        var kiosk = await app.KioskAsync();
        var rename = await PostFormAsync(browser, $"/admin/kiosks/details/{kiosk.Id}?handler=Update", new()
        {
            ["Input.Name"] = "", ["Input.NewSiteName"] = "Depot", ["Input.TimeZone"] = "UTC",
        });

        blank.StatusCode.Should().Be(HttpStatusCode.OK);
        (await blank.Content.ReadAsStringAsync()).Should().Contain("Enter the kiosk&#x27;s name.");
        unknownZone.StatusCode.Should().Be(HttpStatusCode.OK);
        (await unknownZone.Content.ReadAsStringAsync()).Should().Contain("is not a time zone this server knows");
        rename.StatusCode.Should().Be(HttpStatusCode.OK);
        (await rename.Content.ReadAsStringAsync()).Should().Contain("Enter the kiosk&#x27;s name.");
        (await browser.GetStringAsync("/admin/kiosks")).Should().NotContain(">Gate<", "nothing was added");
    }

    [Fact]
    public async Task ARenamedKioskIsListedAndNamedOnItsEventsUnderItsNewName()
    {
        await using var app = new FaceAttendanceApp(now: Monday0900);
        await app.EnrolPersonAsync("E100", "Al Sharpton", Photos.AlSharpton(1));
        var kiosk = await app.KioskAsync();
        (await app.PostSnapshotAsync(Photos.AlSharpton(6))).EnsureSuccessStatusCode();
        using var browser = await SignedInBrowserAsync(app);

        var renamed = await PostFormAsync(browser, $"/admin/kiosks/details/{kiosk.Id}?handler=Update", new()
        {
            ["Input.Name"] = "Lobby", ["Input.NewSiteName"] = "Annex", ["Input.TimeZone"] = "Asia/Tokyo",
        });

        renamed.StatusCode.Should().Be(HttpStatusCode.Redirect, await renamed.Content.ReadAsStringAsync());
        Row(await browser.GetStringAsync("/admin/kiosks"), "Lobby").Should().Contain("<td>Annex</td>").And.Contain("<td>Asia/Tokyo</td>")
            .And.Contain("<td>yes</td>", "it was paired with a public key, so it can scan offline");
        (await app.EventsAsync()).Should().ContainSingle().Which.Should().BeEquivalentTo(new { KioskId = kiosk.Id, KioskName = "Lobby" });
        (await browser.GetStringAsync("/admin/attendance?from=2026-03-02&to=2026-03-02")).Should().Contain("<td>Lobby</td>");
    }

    [Fact]
    public async Task RevokingNeedsTheConfirmationAndThenTheKioskIsUnpairedAtOnce()
    {
        await using var app = new FaceAttendanceApp(now: Monday0900);
        var kiosk = await app.KioskAsync();
        using var device = await app.CreateKioskClientAsync();
        using var browser = await SignedInBrowserAsync(app);
        var kioskPage = $"/admin/kiosks/details/{kiosk.Id}";

        var unconfirmed = await PostFormAsync(browser, $"{kioskPage}?handler=Revoke", []);
        var stillPaired = await device.GetAsync("/kiosk/me");
        var confirmed = await PostFormAsync(browser, $"{kioskPage}?handler=Revoke", new() { ["confirm"] = "true" });
        var unpaired = await device.GetAsync("/kiosk/me");
        var page = await browser.GetStringAsync(kioskPage);

        unconfirmed.StatusCode.Should().Be(HttpStatusCode.OK);
        (await unconfirmed.Content.ReadAsStringAsync()).Should().Contain("Tick the box to confirm that Front door should be unpaired.");
        stillPaired.StatusCode.Should().Be(HttpStatusCode.OK);
        confirmed.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var problem = await unpaired.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "kiosk-unpaired");
        problem.GetProperty("detail").GetString().Should().Be("This kiosk was unpaired — ask an admin.");
        page.Should().Contain("Front door was unpaired").And.Contain("<dd>Revoked</dd>").And.NotContain("handler=Revoke");
        Row(await browser.GetStringAsync("/admin/kiosks"), "Front door").Should().Contain("<td>Revoked</td>");
    }

    [Fact]
    public async Task WithoutAPairedKioskTheDashboardMakesThisBrowserTheKioskThroughTheKioskPage()
    {
        await using var app = new FaceAttendanceApp(now: Monday0900);
        using var browser = await SignedInBrowserAsync(app);

        var firstRun = await browser.GetStringAsync("/admin");
        var used = await PostFormAsync(browser, "/admin?handler=UseThisBrowser", []);
        var location = used.Headers.Location!.OriginalString;
        var code = Uri.UnescapeDataString(location["/?pair=".Length..]);
        var paired = await browser.PostAsJsonAsync("/kiosk/pair", new { code });
        var me = await browser.GetFromJsonAsync<KioskIdentity>("/kiosk/me", Json.Options);
        var dashboard = await browser.GetStringAsync("/admin");
        app.Clock.Advance(TimeSpan.FromMinutes(4));
        var later = await browser.GetStringAsync("/admin");

        firstRun.Should().Contain("Use this browser as a kiosk").And.Contain("href=\"/admin/kiosks\"");
        used.StatusCode.Should().Be(HttpStatusCode.Redirect);
        location.Should().StartWith("/?pair=");
        paired.StatusCode.Should().Be(HttpStatusCode.OK, await paired.Content.ReadAsStringAsync());
        me!.Should().BeEquivalentTo(new { Name = "This browser", Site = "Main site", TimeZone = "UTC" });
        dashboard.Should().NotContain("Use this browser as a kiosk").And.Contain("1 of 1 kiosk paired.").And.Contain("Every paired kiosk is in contact.");
        later.Should().Contain("Not heard from for more than 3 min: This browser.");
    }

    /// <summary>A client holding the admin cookie from the login page, as a browser would; redirects are not followed.</summary>
    private static async Task<HttpClient> SignedInBrowserAsync(FaceAttendanceApp app)
    {
        var browser = app.CreateClient(new() { AllowAutoRedirect = false });
        var login = await PostFormAsync(browser, "/admin/login", new() { ["Input.Password"] = FaceAttendanceApp.AdminPassword });
        login.StatusCode.Should().Be(HttpStatusCode.Redirect, "the right password signs in");
        return browser;
    }

    /// <summary>Posts a form the way its page does: with the antiforgery token the page (<paramref name="url"/> without its
    /// query) gives.</summary>
    private static async Task<HttpResponseMessage> PostFormAsync(HttpClient browser, string url, Dictionary<string, string> fields)
    {
        var page = await browser.GetStringAsync(url.Split('?')[0]);
        fields["__RequestVerificationToken"] = AntiforgeryToken().Match(page).Groups[1].Value;
        return await browser.PostAsync(url, new FormUrlEncodedContent(fields));
    }

    /// <summary>The table row whose first cell links to the kiosk named <paramref name="name"/>.</summary>
    private static string Row(string page, string name) =>
        Regex.Match(page, $"<tr>\\s*<td><a [^>]*>{Regex.Escape(name)}</a></td>.*?</tr>", RegexOptions.Singleline).Value;

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();

    [GeneratedRegex("\\?pair=([^\"<&]+)")]
    private static partial Regex PairingLink();
}
