using System.Net;
using System.Text.Json;

namespace FaceAttendance.Tests.Web.Support;

internal static class ProblemAssertions
{
    /// <summary>Asserts an RFC 7807 ProblemDetails body with this status and machine-readable code; returns it for more checks.</summary>
    public static async Task<JsonElement> ShouldBeProblemAsync(this HttpResponseMessage response, HttpStatusCode status, string? code = null)
    {
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(status, body);
        response.Content.Headers.ContentType?.MediaType.Should().Be("application/problem+json", body);
        var problem = JsonDocument.Parse(body).RootElement;
        problem.GetProperty("status").GetInt32().Should().Be((int)status);
        problem.TryGetProperty("detail", out var detail).Should().BeTrue($"every error says what went wrong: {body}");
        detail.GetString().Should().NotBeNullOrWhiteSpace();
        if (code is not null)
        {
            problem.GetProperty("code").GetString().Should().Be(code, body);
        }
        return problem;
    }
}
