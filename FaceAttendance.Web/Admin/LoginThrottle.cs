using System.Collections.Concurrent;
using System.Net;

namespace FaceAttendance.Web.Admin;

/// <summary>
/// Slows password guessing at the admin login: after <see cref="FreeFailures"/> wrong passwords from one address (or
/// <see cref="AccountFailures"/> from all addresses together, for a spread-out attack on the one admin account) every
/// further attempt waits out a lockout that doubles with each failure, from 30 s up to 15 min. While locked out the
/// password is not even checked. Kept in this process: with several instances each counts for itself.
/// </summary>
public sealed partial class LoginThrottle(TimeProvider time, ILogger<LoginThrottle> logger)
{
    public const int FreeFailures = 5;
    public const int AccountFailures = 20;
    private static readonly TimeSpan FirstLockout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan LongestLockout = TimeSpan.FromMinutes(15);
    private const string Account = "(account)";

    private readonly ConcurrentDictionary<string, Failures> _failures = new();

    /// <summary>How long <paramref name="address"/> must still wait before trying again; zero when it may try now.</summary>
    public TimeSpan WaitFor(IPAddress? address)
    {
        var now = time.GetUtcNow();
        var until = new[] { Key(address), Account }.Select(key => _failures.TryGetValue(key, out var f) ? f.LockedUntil : now).Max();
        return until > now ? until - now : TimeSpan.Zero;
    }

    public void Failed(IPAddress? address)
    {
        var now = time.GetUtcNow();
        foreach (var (key, free) in new[] { (Key(address), FreeFailures), (Account, AccountFailures) })
        {
            var updated = _failures.AddOrUpdate(key, _ => Next(new Failures(0, now), free, now), (_, f) => Next(f, free, now));
            if (updated.LockedUntil > now)
            {
                LogLockedOut(logger, key, updated.Count, (updated.LockedUntil - now).TotalSeconds);
            }
        }
        LogFailed(logger, Key(address));
    }

    public void Succeeded(IPAddress? address)
    {
        _failures.TryRemove(Key(address), out _);
        _failures.TryRemove(Account, out _);
        LogSignedIn(logger, Key(address));
    }

    private static Failures Next(Failures failures, int free, DateTimeOffset now)
    {
        var count = failures.Count + 1;
        if (count <= free)
        {
            return new Failures(count, now);
        }
        var lockout = TimeSpan.FromTicks(Math.Min(LongestLockout.Ticks, FirstLockout.Ticks << Math.Min(count - free - 1, 20)));
        return new Failures(count, now + lockout);
    }

    private static string Key(IPAddress? address) => address?.ToString() ?? "unknown";

    private sealed record Failures(int Count, DateTimeOffset LockedUntil);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Admin login failed from {Address}")]
    private static partial void LogFailed(ILogger logger, string address);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Admin login locked for {Address} after {Failures} wrong passwords, for {Seconds:0} s")]
    private static partial void LogLockedOut(ILogger logger, string address, int failures, double seconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Admin signed in from {Address}")]
    private static partial void LogSignedIn(ILogger logger, string address);
}
