using System.Text;
using FaceAttendance.Web.Aws.SigV4;
using Microsoft.Extensions.Time.Testing;

namespace FaceAttendance.Tests.Aws;

public class SigV4VectorTests
{
    private static SigV4Verifier Verifier(DateTimeOffset? now = null, string region = SigV4TestSuite.Region) =>
        new(SigV4TestSuite.Service, region,
            key => key == SigV4TestSuite.AccessKeyId ? SigV4TestSuite.SecretAccessKey : null,
            new FakeTimeProvider(now ?? SigV4TestSuite.SignedAt));

    [Theory]
    [MemberData(nameof(SigV4TestSuite.ApplicableNames), MemberType = typeof(SigV4TestSuite))]
    public void VerifierRebuildsTheVectorsCanonicalRequestStringToSignAndAcceptsItsSignature(string name)
    {
        var vector = SigV4TestSuite.Named(name);

        var result = Verifier().Verify(vector.ToRequest());

        result.CanonicalRequest.Should().Be(vector.CanonicalRequest);
        result.StringToSign.Should().Be(vector.StringToSign);
        result.Failure.Should().BeNull();
        result.AccessKeyId.Should().Be(SigV4TestSuite.AccessKeyId);
    }

    [Theory]
    [MemberData(nameof(SigV4TestSuite.ApplicableNames), MemberType = typeof(SigV4TestSuite))]
    public void VerifierRefusesEveryVectorOnceTampered(string name)
    {
        var request = SigV4TestSuite.Named(name).ToRequest();
        var tampered = new[]
        {
            request with { Method = request.Method == "GET" ? "POST" : "GET" },
            request with { RawPath = request.RawPath + "x" },
            request with { RawQuery = request.RawQuery + "&extra=1" },
            request with { PayloadSha256 = SigV4Canonicalizer.Sha256Hex("tampered"u8) },
            request with { Headers = Replace(request.Headers, "Host", "evil.example.com") },
            request with { Headers = Replace(request.Headers, "Authorization", FlipLastChar(request.FirstHeader("Authorization")!)) },
        };

        foreach (var candidate in tampered)
        {
            Verifier().Verify(candidate).Failure!.Code.Should().Be("InvalidSignatureException");
        }
    }

    [Fact]
    public void VerifierRefusesUnknownKeysWrongRegionsStaleDatesAndMissingHeaders()
    {
        var request = SigV4TestSuite.Named("get-vanilla").ToRequest();
        var authorization = request.FirstHeader("Authorization")!;

        Verifier().Verify(request with { Headers = Replace(request.Headers, "Authorization", authorization.Replace("AKIDEXAMPLE", "AKIDOTHER")) })
            .Failure!.Code.Should().Be("UnrecognizedClientException");
        Verifier(region: "eu-west-1").Verify(request).Failure!.Code.Should().Be("InvalidSignatureException");
        Verifier(now: SigV4TestSuite.SignedAt.AddMinutes(6)).Verify(request).Failure!.Message.Should().StartWith("Signature expired");
        Verifier(now: SigV4TestSuite.SignedAt.AddMinutes(4)).Verify(request).IsValid.Should().BeTrue();
        Verifier().Verify(request with { Headers = Without(request.Headers, "Authorization") })
            .Failure!.Code.Should().Be("MissingAuthenticationTokenException");
        Verifier().Verify(request with { Headers = Without(request.Headers, "Host") })
            .Failure!.Code.Should().Be("IncompleteSignatureException");
        Verifier().Verify(request with { Headers = Replace(request.Headers, "Authorization", "AWS4-HMAC-SHA256 Signature=00") })
            .Failure!.Code.Should().Be("IncompleteSignatureException");
    }

    [Fact]
    public void TheExcludedVectorsReallyDisagreeWithThemselves()
    {
        foreach (var vector in SigV4TestSuite.Inconsistent.Select(SigV4TestSuite.Named))
        {
            var hashInStringToSign = vector.StringToSign.Split('\n')[^1];
            SigV4Canonicalizer.Sha256Hex(Encoding.UTF8.GetBytes(vector.CanonicalRequest)).Should().NotBe(hashInStringToSign);
        }
    }

    private static List<KeyValuePair<string, string>> Replace(IEnumerable<KeyValuePair<string, string>> headers, string name, string value) =>
        [.. headers.Select(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase) ? KeyValuePair.Create(h.Key, value) : h)];

    private static List<KeyValuePair<string, string>> Without(IEnumerable<KeyValuePair<string, string>> headers, string name) =>
        [.. headers.Where(h => !string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase))];

    private static string FlipLastChar(string s) => s[..^1] + (s[^1] == '0' ? '1' : '0');
}
