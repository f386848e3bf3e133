using System.Net;
using System.Net.Http.Json;
using FaceAttendance.Tests.Web.Admin;
using FaceAttendance.Tests.Web.Support;
using FaceAttendance.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FaceAttendance.Tests.Web.Pins;

/// <summary>An admin gives a person a PIN, replaces it and takes it away: PUT and DELETE /api/people/{id}/pin.</summary>
public sealed class PersonPinTests
{
    [Theory]
    [InlineData("0000")]
    [InlineData("1111")]
    [InlineData("1234")]
    [InlineData("4321")]
    [InlineData("2468")]
    [InlineData("12345678")]
    public async Task ATriviallyGuessablePinIsRefusedWithASentence(string pin)
    {
        await using var app = new FaceAttendanceApp();
        var al = await app.CreatePersonAsync("E100", "Al Sharpton");
        using var admin = app.CreateAdminClient();

        var problem = await (await admin.PutAsJsonAsync($"/api/people/{al.Id}/pin", new { pin })).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "pin-guessable");

        problem.GetProperty("detail").GetString().Should().Contain("choose another");
        (await PinHashAsync(app, al.Id)).Should().BeNull();
    }

    [Theory]
    [InlineData("482")]
    [InlineData("482648261")]
    [InlineData("48a6")]
    [InlineData(" 4826")]
    [InlineData(null)]
    public async Task APinIsFourToEightDigits(string? pin)
    {
        await using var app = new FaceAttendanceApp();
        var al = await app.CreatePersonAsync("E100", "Al Sharpton");
        using var admin = app.CreateAdminClient();

        await (await admin.PutAsJsonAsync($"/api/people/{al.Id}/pin", new { pin })).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "pin-invalid");
    }

    [Fact]
    public async Task APinIsStoredHashedAuditedWithoutItselfReplacedAndRemoved()
    {
        await using var app = new FaceAttendanceApp();
        var al = await app.EnrolPersonAsync("E100", "Al Sharpton", Photos.AlSharpton(1));
        using var admin = app.CreateAdminClient();
        using var kiosk = await app.CreateKioskClientAsync();

        await app.SetPinAsync(al.Id, "4826");
        var hash = await PinHashAsync(app, al.Id);
        await app.SetPinAsync(al.Id, "739105");
        var oldPin = await kiosk.PunchAsync("E100", "4826", Photos.AlSharpton(6));
        var newPin = await kiosk.PunchAsync("E100", "739105", Photos.AlSharpton(6));
        var removed = await admin.DeleteAsync($"/api/people/{al.Id}/pin");
        app.Clock.Advance(TimeSpan.FromHours(1));
        var afterRemoval = await kiosk.PunchAsync("E100", "739105", Photos.AlSharpton(6));

        hash.Should().NotBeNull().And.NotContain("4826");
        (await PinHashAsync(app, al.Id)).Should().BeNull();
        await oldPin.ShouldBeProblemAsync(HttpStatusCode.Forbidden, "pin-wrong");
        newPin.StatusCode.Should().Be(HttpStatusCode.OK);
        removed.StatusCode.Should().Be(HttpStatusCode.NoContent);
        await afterRemoval.ShouldBeProblemAsync(HttpStatusCode.Forbidden, "pin-wrong");
        (await admin.GetStringAsync($"/api/people/{al.Id}")).Should().NotContain("pin", "a PIN is never shown after it is set");
        (await app.AuditAsync("person.pin-set")).Should().HaveCount(2).And.OnlyContain(e => e.Subject == al.Id.ToString() && !e.Detail!.Contains("4826") && !e.Detail.Contains("739105"));
        (await app.AuditAsync("person.pin-removed")).Should().ContainSingle();
    }

    [Fact]
    public async Task ThePersonPageSetsAPinRefusesAGuessableOneAndNeverShowsIt()
    {
        await using var app = new FaceAttendanceApp();
        var al = await app.CreatePersonAsync("E100", "Al Sharpton");
        using var owner = await app.SignedInBrowserAsync("admin", FaceAttendanceApp.AdminPassword);
        var page = $"/admin/people/details/{al.Id}";

        await AccountPagesTests.PostAsync(owner, page, "?handler=Pin", new() { ["pin"] = "1234" }, HttpStatusCode.Redirect);
        var refused = await owner.GetStringAsync(page);
        await AccountPagesTests.PostAsync(owner, page, "?handler=Pin", new() { ["pin"] = "4826" }, HttpStatusCode.Redirect);
        var set = System.Net.WebUtility.HtmlDecode(await owner.GetStringAsync(page));
        await AccountPagesTests.PostAsync(owner, page, "?handler=RemovePin", [], HttpStatusCode.Redirect);
        var removed = await owner.GetStringAsync(page);

        System.Net.WebUtility.HtmlDecode(refused).Should().Contain("That PIN is one of the first anybody would try").And.Contain("No PIN.");
        set.Should().Contain("PIN set: tell Al Sharpton in person").And.Contain("A PIN is set (it is never shown).").And.NotContain("4826");
        removed.Should().Contain("PIN removed.").And.Contain("No PIN.");
        (await PinHashAsync(app, al.Id)).Should().BeNull();
    }

    [Fact]
    public async Task APinForSomebodyWhoIsNotThereIsNotFound()
    {
        await using var app = new FaceAttendanceApp();
        using var admin = app.CreateAdminClient();

        await (await admin.PutAsJsonAsync($"/api/people/{Guid.NewGuid()}/pin", new { pin = "4826" })).ShouldBeProblemAsync(HttpStatusCode.NotFound, "person-not-found");
        await (await admin.DeleteAsync($"/api/people/{Guid.NewGuid()}/pin")).ShouldBeProblemAsync(HttpStatusCode.NotFound, "person-not-found");
    }

    private static async Task<string?> PinHashAsync(FaceAttendanceApp app, Guid personId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AttendanceDbContext>().People.Where(p => p.Id == personId).Select(p => p.PinHash).SingleAsync();
    }
}
