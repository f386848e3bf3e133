using System.Net;
using FaceAttendance.Tests.Web.Support;
using FaceAttendance.Web.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace FaceAttendance.Tests.Web.Attendance;

/// <summary>A snapshot kept behind an event is shown and exported only while it is the image that was decided: bytes
/// swapped in afterwards (as a reused S3 upload policy could) are refused, not presented as the kiosk's evidence.</summary>
public sealed class KeptSnapshotTests
{
    [Fact]
    public async Task ASnapshotReplacedAfterItsDecisionIsNeverShownAsTheEvidence()
    {
        await using var app = new FaceAttendanceApp();
        await app.EnrolPersonAsync("E100", "Al Sharpton", Photos.AlSharpton(1));
        var scanned = Photos.AlSharpton(6);
        (await app.CheckAtKioskAsync(scanned)).EnsureSuccessStatusCode();
        var recorded = (await app.EventsAsync()).Single();
        using var admin = app.CreateAdminClient();
        (await admin.GetByteArrayAsync($"/api/attendance/{recorded.Id}/snapshot")).Should().Equal(scanned);

        // what the store holds under the key changes behind the app's back
        var store = app.Services.GetRequiredService<IObjectStore>();
        await store.DeleteAsync(recorded.SnapshotKey!, CancellationToken.None);
        await store.TryPutAsync(recorded.SnapshotKey!, Photos.AlSharpton(2), CancellationToken.None);
        var shown = await admin.GetAsync($"/api/attendance/{recorded.Id}/snapshot");

        shown.StatusCode.Should().Be(HttpStatusCode.NotFound, "the bytes are no longer the ones the decision was made on");
        (await store.ReadAsync(recorded.SnapshotKey!, CancellationToken.None)).Should().Equal(Photos.AlSharpton(2));
    }
}
