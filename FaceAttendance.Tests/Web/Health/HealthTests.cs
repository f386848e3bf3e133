using System.Net;
using FaceAttendance.Tests.Web.Support;
using FaceAttendance.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FaceAttendance.Tests.Web.Health;

public sealed class HealthTests
{
    [Fact]
    public async Task AnonymousHealthzSaysOnlyWhetherTheAppIsHealthy()
    {
        await using var app = new FaceAttendanceApp();
        using var client = app.CreateClient();

        var health = await client.GetAsync("/healthz");
        var details = await client.GetAsync("/api/health");

        health.StatusCode.Should().Be(HttpStatusCode.OK);
        (await health.Content.ReadAsStringAsync()).Should().Be("""{"status":"Healthy"}""");
        await details.ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task ABurstOfHealthChecksWritesToTheDatabaseOnceEveryFiveSeconds()
    {
        await using var app = new FaceAttendanceApp();
        using var client = app.CreateClient();
        await client.GetAsync("/healthz");
        var first = await ProbeWrittenAtAsync(app);

        for (var i = 0; i < 4; i++)
        {
            app.Clock.Advance(TimeSpan.FromSeconds(1));
            (await client.GetAsync("/healthz")).StatusCode.Should().Be(HttpStatusCode.OK);
        }
        var duringBurst = await ProbeWrittenAtAsync(app);
        app.Clock.Advance(TimeSpan.FromSeconds(2));
        await client.GetAsync("/healthz");
        var afterFiveSeconds = await ProbeWrittenAtAsync(app);

        duringBurst.Should().Be(first, "the calls within 5 s reuse the first probe");
        afterFiveSeconds.Should().Be(first + 6000);
    }

    /// <summary>The probe's lease expires when it was taken (its duration is zero): when the probe last wrote.</summary>
    private static async Task<long> ProbeWrittenAtAsync(FaceAttendanceApp app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AttendanceDbContext>();
        return await db.JobLeases.Where(l => l.Name == "health-probe").Select(l => l.ExpiresAtUnixMs).SingleAsync();
    }
}
