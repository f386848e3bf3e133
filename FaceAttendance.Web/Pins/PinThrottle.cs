using System.Collections.Concurrent;

namespace FaceAttendance.Web.Pins;

/// <summary>
/// Stops PIN guessing at a kiosk: <see cref="MaxFailures"/> wrong employee ids or PINs within <see cref="Window"/> lock
/// PIN entry on that kiosk for <see cref="Lockout"/>, PINs not even checked meanwhile (face scans go on). Ten thousand
/// 4-digit PINs at 5 tries per 15 minutes take weeks, and every try is in the audit log. A right PIN does not clear the
/// count, so a guesser cannot reset it by punching in themselves. Kept in this process: with several instances each
/// counts for itself. A kiosk's PINs are checked one at a time (<see cref="OneCheckAtATimeAsync"/>), so guesses sent in
/// parallel cannot all pass the lockout before any of them is counted.
/// </summary>
public sealed class PinThrottle(TimeProvider time)
{
    public const int MaxFailures = 5;
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(5);
    public static readonly TimeSpan Lockout = TimeSpan.FromMinutes(15);

    private readonly ConcurrentDictionary<Guid, Failures> _failures = new();
    private readonly ConcurrentDictionary<Guid, SemaphoreSlim> _checking = new();

    /// <summary>Waits for the kiosk's earlier PIN check to be counted; dispose the result once this one is.</summary>
    public async Task<IDisposable> OneCheckAtATimeAsync(Guid kioskId, CancellationToken ct)
    {
        var turn = _checking.GetOrAdd(kioskId, _ => new SemaphoreSlim(1, 1));
        await turn.WaitAsync(ct);
        return new Turn(turn);
    }

    /// <summary>How long PIN entry stays locked on the kiosk; zero when it may try now.</summary>
    public TimeSpan WaitFor(Guid kioskId)
    {
        var now = time.GetUtcNow();
        return _failures.TryGetValue(kioskId, out var failures) && failures.LockedUntil > now ? failures.LockedUntil - now : TimeSpan.Zero;
    }

    /// <summary>Counts a wrong id or PIN; true when it locks the kiosk.</summary>
    public bool Failed(Guid kioskId)
    {
        var now = time.GetUtcNow();
        var updated = _failures.AddOrUpdate(kioskId, _ => Next([], now), (_, failures) => Next(failures.At, now));
        return updated.LockedUntil > now;
    }

    private static Failures Next(IReadOnlyList<DateTimeOffset> earlier, DateTimeOffset now)
    {
        var recent = earlier.Where(at => now - at < Window).Append(now).ToList();
        return recent.Count >= MaxFailures ? new Failures([], now + Lockout) : new Failures(recent, DateTimeOffset.MinValue);
    }

    private sealed class Turn(SemaphoreSlim turn) : IDisposable
    {
        public void Dispose() => turn.Release();
    }

    private sealed record Failures(IReadOnlyList<DateTimeOffset> At, DateTimeOffset LockedUntil);
}
