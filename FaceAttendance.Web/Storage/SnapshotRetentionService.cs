using FaceAttendance.Web.Data;

namespace FaceAttendance.Web.Storage;

/// <summary>Runs <see cref="SnapshotRetention"/> at start and then every hour, on one instance per hour: the first to take
/// the hour's lease purges, the others skip that hour.</summary>
internal sealed partial class SnapshotRetentionService(
    SnapshotRetention retention, JobLeases leases, TimeProvider time, ILogger<SnapshotRetentionService> logger) : BackgroundService
{
    public const string LeaseName = "snapshot-retention";
    private static readonly TimeSpan Period = TimeSpan.FromHours(1);
    // a little under the period, so the next hour's tick anywhere finds it free again
    private static readonly TimeSpan LeaseDuration = Period - TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Period, time);
        do
        {
            try
            {
                if (await leases.TryAcquireAsync(LeaseName, LeaseDuration, stoppingToken))
                {
                    await retention.PurgeAsync(stoppingToken);
                }
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
