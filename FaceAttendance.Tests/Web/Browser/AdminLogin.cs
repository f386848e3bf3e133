using Microsoft.Playwright;

namespace FaceAttendance.Tests.Web.Browser;

internal static class AdminLogin
{
    /// <summary>Opens /admin, which sends a signed-out browser to the login page, and logs in there.</summary>
    public static async Task LogInAsync(IPage page)
    {
        await page.GotoAsync("/admin");
        await page.GetByLabel("Password").FillAsync(LiveAppServer.AdminPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Dashboard" })).ToBeVisibleAsync();
    }
}
