namespace FaceAttendance.Web.Storage;

/// <summary>Runs <see cref="SnapshotRetention"/> at start and then every hour.</summary>
internal sealed partial class SnapshotRetentionService(SnapshotRetention retention, TimeProvider time, ILogger<SnapshotRetentionService> logger)
    : BackgroundService
{
    private static readonly TimeSpan Period = TimeSpan.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Period, time);
        do
        {
            try
            {
                await retention.PurgeAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // a failed pass (disk briefly unavailable) must not stop later ones
                LogFailed(logger, e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Snapshot retention pass failed")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
