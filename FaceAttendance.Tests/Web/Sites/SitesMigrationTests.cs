using System.Net.Http.Json;
using FaceAttendance.Tests.Web.Support;
using FaceAttendance.Web.Data;
using FaceAttendance.Web.Kiosks;
using FaceAttendance.Web.Sites;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;

namespace FaceAttendance.Tests.Web.Sites;

/// <summary>The <c>SitesAndDepartments</c> migration's data step on both providers: a kiosk added before sites existed,
/// with its site as free text, is found at a site of that name afterwards, and so are the events it made.</summary>
public sealed class SitesMigrationTests(AppConfigurations configurations) : IClassFixture<AppConfigurations>
{
    [Theory]
    [InlineData(AppConfiguration.Local)]
    [InlineData(AppConfiguration.Postgres)]
    public async Task AKioskAddedBeforeSitesGetsASiteOfItsSitesNameAndItsEventsCarryIt(AppConfiguration configuration)
    {
        await using var app = configurations.Start(configuration);
        var (kioskId, eventId) = (Guid.NewGuid(), Guid.NewGuid());
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AttendanceDbContext>();
            var migrator = db.GetService<IMigrator>();
            await migrator.MigrateAsync("Accounts");
            // SQLite keeps a Guid as upper-case text, PostgreSQL as a uuid
            object Id(Guid id) => db.Database.IsNpgsql() ? id : id.ToString().ToUpperInvariant();
            var at = new DateTime(2026, 3, 2, 8, 0, 0, DateTimeKind.Utc);
            await db.Database.ExecuteSqlAsync(
                $"""INSERT INTO "Kiosks" ("Id", "Name", "Site", "TimeZone", "CreatedAt") VALUES ({Id(kioskId)}, 'Gate', 'Old depot', 'Asia/Tokyo', {at})""");
            await db.Database.ExecuteSqlAsync(
                $"""INSERT INTO "AttendanceEvents" ("Id", "PersonName", "EmployeeId", "Kind", "RecordedAt", "Similarity", "Voided", "RecordedOffline", "KioskId") VALUES ({Id(eventId)}, 'Ann', 'E1', 'In', {at}, 0.9, FALSE, FALSE, {Id(kioskId)})""");
            await migrator.MigrateAsync();
        }
        using var owner = app.CreateAdminClient();

        var site = (await owner.GetFromJsonAsync<SiteResponse[]>("/api/sites", Json.Options)).Should().ContainSingle().Which;
        var kiosk = (await owner.GetFromJsonAsync<KioskResponse[]>("/api/kiosks", Json.Options)).Should().ContainSingle().Which;
        var recorded = (await app.EventsAsync()).Should().ContainSingle().Which;

        site.Should().BeEquivalentTo(new { Name = "Old depot", TimeZone = "Asia/Tokyo" });
        kiosk.Should().BeEquivalentTo(new { Id = kioskId, SiteId = site.Id, SiteName = "Old depot" });
        recorded.Should().BeEquivalentTo(new { Id = eventId, SiteId = site.Id, SiteName = "Old depot", KioskName = "Gate" });
    }
}
