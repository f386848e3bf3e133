using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace FaceAttendance.Tests.Web.Browser;

/// <summary>Runs axe-core (bundled in the Deque.AxeCore.Playwright package, nothing fetched) against the page as it is
/// now and fails with every rule broken and where.</summary>
internal static class Accessibility
{
    public static async Task ShouldHaveNoViolationsAsync(this IPage page)
    {
        var result = await page.RunAxe();
        var violations = result.Violations.SelectMany(rule => rule.Nodes.Select(node =>
            $"{rule.Id} ({rule.Impact}) at {string.Join(" ", node.Target)}: {rule.Help}"));
        violations.Should().BeEmpty($"{page.Url} should pass axe's accessibility rules");
    }
}
