using System.Net;
using FaceAttendance.Web.Http;

namespace FaceAttendance.Tests.Web.Http;

public sealed class KioskRateLimitTests
{
    [Theory]
    // every address in one IPv6 /64 spends one budget: a client there can take a new address for each request
    [InlineData("2001:db8:1:2::1", "2001:db8:1:2::5:6", true)]
    [InlineData("2001:db8:1:2:aaaa:bbbb:cccc:dddd", "2001:db8:1:2::", true)]
    [InlineData("2001:db8:1:2::1", "2001:db8:1:3::1", false)]
    [InlineData("192.0.2.1", "192.0.2.2", false)]
    [InlineData("192.0.2.1", "::ffff:192.0.2.1", true)]
    public void AddressesShareABudgetOnlyWithinOneIPv6Network(string first, string second, bool shared) =>
        (KioskRateLimit.ClientOf(IPAddress.Parse(first)) == KioskRateLimit.ClientOf(IPAddress.Parse(second))).Should().Be(shared);
}
