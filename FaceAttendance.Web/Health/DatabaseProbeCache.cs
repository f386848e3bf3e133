using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace FaceAttendance.Web.Health;

/// <summary>The last database probe, kept a few seconds: /healthz is anonymous, and a burst of calls must not make a
/// database write each. Concurrent calls wait for the one probe in flight instead of starting their own.</summary>
internal sealed class DatabaseProbeCache(TimeProvider time)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(5);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private (HealthCheckResult Result, DateTimeOffset At)? _last;

    public async Task<HealthCheckResult> GetOrProbeAsync(Func<CancellationToken, Task<HealthCheckResult>> probe, CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            if (_last is not { } last || time.GetUtcNow() - last.At >= Lifetime)
            {
                _last = last = (await probe(ct), time.GetUtcNow());
            }
            return last.Result;
        }
        finally
        {
            _gate.Release();
        }
    }
}
