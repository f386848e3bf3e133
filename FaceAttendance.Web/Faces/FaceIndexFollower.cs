using FaceAttendance.Web.Data;

namespace FaceAttendance.Web.Faces;

/// <summary>
/// Every <see cref="DatabaseOptions.ChangePollInterval"/>, has the engine apply what other instances (or this one)
/// changed (<see cref="IFaceRecognizer.CatchUpAsync"/>), so an index kept per instance follows the shared database.
/// Polling rather than LISTEN/NOTIFY: a notification sent while a connection is down is lost, a row is not.
/// </summary>
internal sealed partial class FaceIndexFollower(IFaceRecognizer faces, DatabaseOptions database, ILogger<FaceIndexFollower> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // real time, not the app's TimeProvider: how fast instances converge is not business time
        using var timer = new PeriodicTimer(database.ChangePollInterval);
        var failing = false;
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            if (!faces.IsReady)
            {
                continue;
            }
            try
            {
                // a large backlog is read in pages: keep going while there is more
                while (await faces.CatchUpAsync(stoppingToken) > 0)
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
