using FaceAttendance.Web.Admin;
using FaceAttendance.Web.Http;
using FaceAttendance.Web.Faces;
using Microsoft.AspNetCore.Http.HttpResults;

namespace FaceAttendance.Web.Aws.Engine;

internal static class RekognitionSyncApi
{
    /// <summary><c>POST /api/rekognition/sync</c>: reconcile the collection with the database now (admin only, Rekognition engine only).</summary>
    public static void MapRekognitionSyncApi(this WebApplication app)
    {
        if (app.Services.GetRequiredService<EngineOptions>().Provider != EngineProvider.Rekognition)
        {
            return;
        }
        app.MapPost("/api/rekognition/sync", Sync).RequireAuthorization(Policies.CanOperate).WithTags("Rekognition")
            .WithDescription("Indexes enrolled faces missing from the Rekognition collection and deletes collection faces nobody owns.");
    }

    private static async Task<Results<Ok<CollectionSyncReport>, ProblemHttpResult>> Sync(RekognitionCollectionSync sync, CancellationToken ct) =>
        await sync.SyncAsync(ct) is { } report
            ? TypedResults.Ok(report)
            : Problems.Of(StatusCodes.Status409Conflict, "sync-running", "Another instance is reconciling the collection right now; try again when it has finished.");
}
