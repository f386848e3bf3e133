using System.Collections.Concurrent;
using System.Net;

namespace FaceAttendance.Web.Admin;

/// <summary>
/// Slows password guessing at the admin login. After <see cref="FreeFailures"/> wrong passwords from one address, every
/// further attempt from it waits out a lockout that doubles with each failure, from 30 s up to 15 min, the password
/// not even checked meanwhile. Wrong passwords for one account name from all addresses together (a spread-out attack)
/// only slow that name: past <see cref="AccountFailures"/> each attempt waits <see cref="AccountDelay"/> before its
/// password is checked, growing to <see cref="LongestAccountDelay"/>, but the right password from an address that has
/// not failed is never refused, so nobody can lock an account out by failing on purpose. Names are counted as typed
/// (normalised), whether an account has them or not, so the delay never tells which names exist. Kept in this
/// process: with several instances each counts for itself.
/// </summary>
public sealed partial class LoginThrottle(TimeProvider time, ILogger<LoginThrottle> logger)
{
    public const int FreeFailures = 5;
    public const int AccountFailures = 20;
    private static readonly TimeSpan FirstLockout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan LongestLockout = TimeSpan.FromMinutes(15);
    private static readonly TimeSpan FirstAccountDelay = TimeSpan.FromMilliseconds(250);
    public static readonly TimeSpan LongestAccountDelay = TimeSpan.FromSeconds(4);

    private readonly ConcurrentDictionary<string, Failures> _failures = new();
    private readonly ConcurrentDictionary<string, int> _accountFailures = new();

    /// <summary>How long <paramref name="address"/> must still wait before trying again; zero when it may try now.</summary>
    public TimeSpan WaitFor(IPAddress? address)
    {
        var now = time.GetUtcNow();
        var until = _failures.TryGetValue(Key(address), out var failures) ? failures.LockedUntil : now;
        return until > now ? until - now : TimeSpan.Zero;
    }

    /// <summary>How long an attempt on the account <paramref name="name"/> waits before its password is checked; zero
    /// until that name has had <see cref="AccountFailures"/> wrong passwords, then doubling with each one.</summary>
    public TimeSpan AccountDelay(string? name)
    {
        var excess = _accountFailures.GetValueOrDefault(AccountKey(name)) - AccountFailures;
        return excess <= 0 ? TimeSpan.Zero
            : TimeSpan.FromTicks(Math.Min(LongestAccountDelay.Ticks, FirstAccountDelay.Ticks << Math.Min(excess - 1, 20)));
    }

    public void Failed(IPAddress? address, string? name)
    {
        var now = time.GetUtcNow();
        var key = Key(address);
        var updated = _failures.AddOrUpdate(key, _ => Next(new Failures(0, now), now), (_, f) => Next(f, now));
        if (updated.LockedUntil > now)
        {
            LogLockedOut(logger, key, updated.Count, (updated.LockedUntil - now).TotalSeconds);
        }
        _accountFailures.AddOrUpdate(AccountKey(name), 1, (_, count) => count + 1);
        LogFailed(logger, key);
    }

    public void Succeeded(IPAddress? address, string? name)
    {
        _failures.TryRemove(Key(address), out _);
        _accountFailures.TryRemove(AccountKey(name), out _);
        LogSignedIn(logger, Key(address));
    }

    private static Failures Next(Failures failures, DateTimeOffset now)
    {
        var count = failures.Count + 1;
        if (count <= FreeFailures)
        {
            return new Failures(count, now);
        }
        var lockout = TimeSpan.FromTicks(Math.Min(LongestLockout.Ticks, FirstLockout.Ticks << Math.Min(count - FreeFailures - 1, 20)));
        return new Failures(count, now + lockout);
    }

    private static string Key(IPAddress? address) => address?.ToString() ?? "unknown";

    // an empty name signs in the first Owner, so it counts as that account's name
    private static string AccountKey(string? name) =>
        (string.IsNullOrWhiteSpace(name) ? Account.FirstOwnerUserName : name.Trim()).ToUpperInvariant();

    private sealed record Failures(int Count, DateTimeOffset LockedUntil);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Admin login failed from {Address}")]
    private static partial void LogFailed(ILogger logger, string address);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Admin login locked for {Address} after {Failures} wrong passwords, for {Seconds:0} s")]
    private static partial void LogLockedOut(ILogger logger, string address, int failures, double seconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Admin signed in from {Address}")]
    private static partial void LogSignedIn(ILogger logger, string address);
}
