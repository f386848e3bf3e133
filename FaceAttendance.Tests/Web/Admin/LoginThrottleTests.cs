using System.Net;
using FaceAttendance.Web.Admin;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace FaceAttendance.Tests.Web.Admin;

public sealed class LoginThrottleTests
{
    private static IPAddress Address(int n) => IPAddress.Parse($"127.0.0.{n}");

    [Fact]
    public void WrongPasswordsFromFourAddressesLockThoseAddressesButOnlySlowThatAccountForAFifth()
    {
        var throttle = new LoginThrottle(new FakeTimeProvider(DateTimeOffset.UtcNow), NullLogger<LoginThrottle>.Instance);

        for (var address = 1; address <= 4; address++)
        {
            for (var attempt = 0; attempt < LoginThrottle.FreeFailures; attempt++)
            {
                throttle.AccountDelay("admin").Should().Be(TimeSpan.Zero, "the account is slowed only past its free failures");
                throttle.Failed(Address(address), "admin");
            }
        }
        throttle.Failed(Address(1), "admin");

        throttle.WaitFor(Address(1)).Should().BeGreaterThan(TimeSpan.Zero, "an address past its free failures is locked out");
        throttle.WaitFor(Address(5)).Should().Be(TimeSpan.Zero, "an address that has not failed may always try");
        throttle.AccountDelay("admin").Should().BeGreaterThan(TimeSpan.Zero, "21 wrong passwords on the account slow every attempt");
        throttle.AccountDelay("").Should().BeGreaterThan(TimeSpan.Zero, "an empty name is the first Owner's");
        throttle.AccountDelay("ann@example.com").Should().Be(TimeSpan.Zero, "another account is not slowed by them");
    }

    [Fact]
    public void TheAccountDelayGrowsWithEachFailureUpToItsLongestAndEndsWithASignIn()
    {
        var throttle = new LoginThrottle(new FakeTimeProvider(DateTimeOffset.UtcNow), NullLogger<LoginThrottle>.Instance);
        var delays = new List<TimeSpan>();
        for (var n = 0; n < LoginThrottle.AccountFailures + 12; n++)
        {
            throttle.Failed(Address(n % 250 + 1), "ann@example.com");
            delays.Add(throttle.AccountDelay("Ann@Example.com "));
        }

        delays.Should().BeInAscendingOrder();
        delays[^1].Should().Be(LoginThrottle.LongestAccountDelay);
        throttle.Succeeded(Address(251), "ann@example.com");
        throttle.AccountDelay("ann@example.com").Should().Be(TimeSpan.Zero);
    }
}
