using FaceAttendance.Web.Configuration;

namespace FaceAttendance.Web.Faces;

/// <summary>
/// Polls the face-change table every <see cref="DatabaseOptions.ChangePollInterval"/> and applies what other instances
/// (or this one) changed, so every instance's in-memory index follows the shared database. Polling rather than
/// LISTEN/NOTIFY: a notification sent while a connection is down is lost, a row is not. Nothing to do with Rekognition,
/// whose index is the collection itself.
/// </summary>
internal sealed partial class FaceIndexFollower(IFaceRecognizer faces, FaceAttendanceOptions options, ILogger<FaceIndexFollower> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (faces is not LocalFaceRecognizer recognizer)
        {
            return;
        }
        // real time, not the app's TimeProvider: how fast instances converge is not business time
        using var timer = new PeriodicTimer(options.Database.ChangePollInterval);
        var failing = false;
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            if (!recognizer.IsReady)
            {
                continue;
            }
            try
            {
                // a large backlog is read in pages: keep going while there is more
                while (await recognizer.CatchUpAsync(stoppingToken) > 0)
                {
                }
                failing = false;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // the database is briefly unreachable: log once per outage, keep polling
                if (!failing)
                {
                    LogFailed(logger, e);
                }
                failing = true;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cannot read face changes from the database; this instance's face index lags until it can")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
