using System.Net;
using System.Net.Http.Json;
using System.Security.Claims;
using FaceAttendance.Tests.Web.Support;
using FaceAttendance.Web.Admin;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection;

namespace FaceAttendance.Tests.Web.Admin;

/// <summary>Every route the app serves, with the policies that guard it: a route added without a line here fails
/// <see cref="EveryRouteHasThePoliciesOfTheTable"/>, so nobody can ship one that forgets its policy.</summary>
public sealed class RouteTableTests
{
    private const string Anonymous = "anonymous";

    /// <summary>"METHOD pattern" to the policies that apply (all of them must pass), or <see cref="Anonymous"/>.</summary>
    private static readonly Dictionary<string, string> Expected = new()
    {
        // the kiosk's own routes (a paired device, Kiosks/KioskAuth.cs), and uploads (a kiosk, or an account that edits people)
        ["GET /attendance/{**key}"] = "Kiosk",
        ["GET /kiosk/me"] = "Kiosk",
        ["POST /attendance/"] = "Kiosk",
        ["POST /attendance/punch"] = "Kiosk",
        ["GET /attendance/pin/"] = "Kiosk",
        ["POST /attendance/pin/"] = "Kiosk",
        ["POST /kiosk/pair"] = Anonymous,
        // an invitation's one-time token is its credential (Admin/AccountsApi.cs)
        ["POST /api/accounts/invitations/accept"] = Anonymous,
        ["PAGE /Admin/Invitation"] = Anonymous,
        ["PAGE /Admin/Reset"] = Anonymous,
        ["POST /presign"] = "KioskOrAdmin",
        ["PUT /uploads/{**key}"] = "KioskOrAdmin",
        // open to anyone: the kiosk page, sign-in, liveness probe, the API reference's static files
        ["ANY /healthz"] = Anonymous,
        ["GET /scalar/favicon.svg"] = Anonymous,
        ["GET /scalar/scalar.aspnetcore.js"] = Anonymous,
        ["GET /scalar/scalar.js"] = Anonymous,
        ["PAGE /"] = Anonymous,
        ["PAGE /Admin/Login"] = Anonymous,
        ["PAGE /Admin/Language"] = Anonymous,
        ["GET /admin/login/provider"] = Anonymous,
        ["PAGE /Index"] = Anonymous,
        // Rekognition's API, which checks its own AWS signature in the handler (Aws/SigV4), served only when enabled
        ["POST /rekognition"] = Anonymous,
        // operations (POST /api/rekognition/sync, CanOperate, is mapped only with the Rekognition engine)
        ["ANY /api/health"] = "CanOperate",
        ["ANY /metrics"] = "CanOperate",
        // API docs (open in Development only)
        ["GET /openapi/{documentName}.json"] = "CanRead",
        ["GET /scalar/{documentName?}"] = "CanRead",
        // the admin API
        ["GET /api/accounts/"] = "CanManageAccounts",
        ["POST /api/accounts/invitations"] = "CanManageAccounts",
        ["GET /api/accounts/invitations"] = "CanManageAccounts",
        ["DELETE /api/accounts/invitations/{id:guid}"] = "CanManageAccounts",
        ["PUT /api/accounts/{id:guid}/role"] = "CanManageAccounts",
        ["POST /api/accounts/{id:guid}/disable"] = "CanManageAccounts",
        ["POST /api/accounts/{id:guid}/enable"] = "CanManageAccounts",
        ["POST /api/accounts/{id:guid}/password-reset"] = "CanManageAccounts",
        ["GET /api/apikeys/"] = "CanManageAccounts",
        ["POST /api/apikeys/"] = "CanManageAccounts",
        ["DELETE /api/apikeys/{id:guid}"] = "CanManageAccounts",
        ["POST /api/accounts/me/totp/"] = "CanReadTimesheets",
        ["POST /api/accounts/me/totp/confirm"] = "CanReadTimesheets",
        ["DELETE /api/people/{id:guid}"] = "CanEditPeople + CanRead",
        ["DELETE /api/people/{id:guid}/faces/{faceId:guid}"] = "CanEditPeople + CanRead",
        ["GET /api/attendance"] = "CanReadTimesheets",
        ["GET /api/attendance.csv"] = "CanReadTimesheets",
        ["GET /api/attendance/{eventId:guid}/snapshot"] = "CanRead + CanReadTimesheets",
        ["GET /api/audit"] = "CanReadAudit",
        ["GET /api/audit.csv"] = "CanReadAudit",
        ["GET /api/kiosks/"] = "CanRead",
        ["GET /api/people/"] = "CanRead",
        ["GET /api/people/{id:guid}"] = "CanRead",
        ["GET /api/people/{id:guid}/export"] = "CanEditPeople + CanRead",
        ["GET /api/people/{id:guid}/faces/{faceId:guid}/photo"] = "CanRead",
        ["GET /api/timesheets"] = "CanReadTimesheets",
        ["GET /api/timesheets.{format:regex(^(csv|xlsx)$)}"] = "CanReadTimesheets",
        ["GET /api/people/{personId:guid}/schedule"] = "CanReadTimesheets",
        ["PUT /api/people/{personId:guid}/schedule"] = "CanEditSchedules + CanReadTimesheets",
        ["GET /api/departments/{departmentId:guid}/schedule"] = "CanReadTimesheets",
        ["PUT /api/departments/{departmentId:guid}/schedule"] = "CanEditSchedules + CanReadTimesheets",
        ["GET /api/pay-rules/"] = "CanReadTimesheets",
        ["PUT /api/pay-rules/"] = "CanEditSites + CanReadTimesheets",
        ["DELETE /api/pay-rules/"] = "CanEditSites + CanReadTimesheets",
        ["GET /api/unknown-scans/snapshot"] = "CanRead + CanReadTimesheets",
        ["POST /api/attendance/"] = "CanCorrect",
        ["PATCH /api/people/{id:guid}"] = "CanEditPeople + CanRead",
        ["POST /api/attendance/{eventId:guid}/reassign"] = "CanCorrect",
        ["POST /api/attendance/{eventId:guid}/void"] = "CanCorrect",
        ["POST /api/kiosks/"] = "CanEditKiosks + CanRead",
        ["POST /api/kiosks/{id:guid}/pairing-code"] = "CanEditKiosks + CanRead",
        ["POST /api/kiosks/{id:guid}/revoke"] = "CanEditKiosks + CanRead",
        ["POST /api/kiosks/{id:guid}/token"] = "CanEditKiosks + CanRead",
        ["POST /api/people/"] = "CanEditPeople + CanRead",
        ["POST /api/people/{id:guid}/consent"] = "CanEditPeople + CanRead",
        ["POST /api/people/{id:guid}/faces/"] = "CanEditPeople + CanRead",
        ["PUT /api/kiosks/{id:guid}"] = "CanEditKiosks + CanRead",
        ["GET /api/sites/"] = "CanReadTimesheets",
        ["POST /api/sites/"] = "CanEditSites + CanReadTimesheets",
        ["PUT /api/sites/{id:guid}"] = "CanEditSites + CanReadTimesheets",
        ["PUT /api/sites/{id:guid}/pins/"] = "CanEditSites",
        ["PUT /api/people/{id:guid}/pin/"] = "CanEditPeople",
        ["DELETE /api/people/{id:guid}/pin/"] = "CanEditPeople",
        ["DELETE /api/sites/{id:guid}"] = "CanEditSites + CanReadTimesheets",
        ["GET /api/departments/"] = "CanReadTimesheets",
        ["POST /api/departments/"] = "CanEditSites + CanReadTimesheets",
        ["PUT /api/departments/{id:guid}"] = "CanEditSites + CanReadTimesheets",
        ["DELETE /api/departments/{id:guid}"] = "CanEditSites + CanReadTimesheets",
        ["PUT /api/accounts/{id:guid}/scope"] = "CanManageAccounts",
        ["GET /api/approvals"] = "CanReadTimesheets",
        ["POST /api/approvals"] = "CanApproveHours + CanReadTimesheets",
        ["POST /api/approvals/reopen"] = "CanOverseeHours + CanReadTimesheets",
        ["GET /api/pay-period"] = "CanReadTimesheets",
        ["PUT /api/pay-period"] = "CanOverseeHours + CanReadTimesheets",
        ["GET /api/webhooks/"] = "CanManageWebhooks",
        ["POST /api/webhooks/"] = "CanManageWebhooks",
        ["DELETE /api/webhooks/{id:guid}"] = "CanManageWebhooks",
        ["POST /api/webhooks/{id:guid}/secret"] = "CanManageWebhooks",
        ["POST /api/webhooks/{id:guid}/test"] = "CanManageWebhooks",
        ["GET /api/webhooks/{id:guid}/deliveries"] = "CanManageWebhooks",
        // the admin pages (Http/ApiSetup.cs: one policy for /Admin, one per folder or page)
        ["PAGE /Admin"] = "CanReadTimesheets",
        ["PAGE /Admin/Account"] = "CanReadTimesheets",
        ["PAGE /Admin/Denied"] = "CanReadTimesheets",
        ["PAGE /Admin/Accounts"] = "CanManageAccounts + CanReadTimesheets",
        ["PAGE /Admin/Accounts/Index"] = "CanManageAccounts + CanReadTimesheets",
        ["PAGE /Admin/Accounts/Details/{id:guid}"] = "CanManageAccounts + CanReadTimesheets",
        ["PAGE /Admin/ApiKeys"] = "CanManageAccounts + CanReadTimesheets",
        ["PAGE /Admin/ApiKeys/Index"] = "CanManageAccounts + CanReadTimesheets",
        ["PAGE /Admin/Attendance"] = "CanReadTimesheets",
        ["PAGE /Admin/Attendance/Add"] = "CanCorrect + CanReadTimesheets",
        ["PAGE /Admin/Attendance/Correct/{id:guid}"] = "CanCorrect + CanReadTimesheets",
        ["PAGE /Admin/Attendance/Index"] = "CanReadTimesheets",
        ["PAGE /Admin/Audit"] = "CanReadAudit + CanReadTimesheets",
        ["PAGE /Admin/Audit/Index"] = "CanReadAudit + CanReadTimesheets",
        ["PAGE /Admin/Index"] = "CanReadTimesheets",
        ["PAGE /Admin/Kiosks"] = "CanEditKiosks + CanReadTimesheets",
        ["PAGE /Admin/Kiosks/Details/{id:guid}"] = "CanEditKiosks + CanReadTimesheets",
        ["PAGE /Admin/Kiosks/Index"] = "CanEditKiosks + CanReadTimesheets",
        ["PAGE /Admin/People"] = "CanRead + CanReadTimesheets",
        ["PAGE /Admin/People/Create"] = "CanEditPeople + CanRead + CanReadTimesheets",
        ["PAGE /Admin/People/Details/{id:guid}"] = "CanEditPeople + CanRead + CanReadTimesheets",
        ["PAGE /Admin/People/Index"] = "CanRead + CanReadTimesheets",
        ["PAGE /Admin/Sites"] = "CanEditSites + CanReadTimesheets",
        ["PAGE /Admin/Sites/Index"] = "CanEditSites + CanReadTimesheets",
        ["PAGE /Admin/PayRules"] = "CanEditSites + CanReadTimesheets",
        ["PAGE /Admin/PayRules/Index"] = "CanEditSites + CanReadTimesheets",
        ["PAGE /Admin/Schedules"] = "CanEditSchedules + CanReadTimesheets",
        ["PAGE /Admin/Schedules/Index"] = "CanEditSchedules + CanReadTimesheets",
        ["PAGE /Admin/Timesheets"] = "CanReadTimesheets",
        ["PAGE /Admin/Timesheets/Index"] = "CanReadTimesheets",
        ["PAGE /Admin/Timesheets/Approvals"] = "CanReadTimesheets",
        ["PAGE /Admin/Webhooks"] = "CanManageWebhooks + CanReadTimesheets",
        ["PAGE /Admin/Webhooks/Index"] = "CanManageWebhooks + CanReadTimesheets",
        ["PAGE /Admin/Unknown"] = "CanEditPeople + CanReadTimesheets",
        ["PAGE /Admin/Unknown/Index"] = "CanEditPeople + CanReadTimesheets",
    };

    [Fact]
    public async Task EveryRouteHasThePoliciesOfTheTable()
    {
        await using var app = TestRoles.App(production: true);
        var actual = TestRoles.RouteTable(app);

        actual.Should().BeEquivalentTo(Expected, because: "every route needs its line in the table:\n" +
            string.Join("\n", actual.OrderBy(r => r.Key, StringComparer.Ordinal).Select(r => $"[\"{r.Key}\"] = \"{r.Value}\",")));
    }

    [Theory]
    [InlineData(Policies.CanManageAccounts, "Owner")]
    [InlineData(Policies.CanOperate, "Owner Admin")]
    [InlineData(Policies.CanEditPeople, "Owner Admin Manager")]
    [InlineData(Policies.CanEditKiosks, "Owner Admin")]
    [InlineData(Policies.CanEditSites, "Owner Admin")]
    [InlineData(Policies.CanCorrect, "Owner Admin Manager")]
    [InlineData(Policies.CanApproveHours, "Owner Admin Manager")]
    [InlineData(Policies.CanOverseeHours, "Owner Admin")]
    [InlineData(Policies.CanManageWebhooks, "Owner Admin")]
    [InlineData(Policies.CanReadAudit, "Owner Admin")]
    [InlineData(Policies.CanRead, "Owner Admin Manager Viewer")]
    [InlineData(Policies.CanReadTimesheets, "Owner Admin Manager Payroll Viewer")]
    public async Task EachPolicyLetsInExactlyItsRoles(string policy, string roles)
    {
        await using var app = TestRoles.App();
        var authorization = app.Services.GetRequiredService<IAuthorizationService>();

        var allowed = new List<string>();
        foreach (var role in Roles.All)
        {
            var user = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Role, role)], "test"));
            if ((await authorization.AuthorizeAsync(user, policy)).Succeeded)
            {
                allowed.Add(role);
            }
        }

        allowed.Should().Equal(roles.Split(' '));
    }

    [Fact]
    public async Task AViewerReadsButIsRefusedAWrite()
    {
        await using var app = TestRoles.App();
        using var viewer = app.CreateClient(Roles.Viewer);

        (await viewer.GetAsync("/api/people")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await viewer.GetAsync("/admin/people")).StatusCode.Should().Be(HttpStatusCode.OK);
        await (await viewer.PostAsJsonAsync("/api/people", new { employeeId = "E1", name = "Ann", consent = true }))
            .ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await viewer.GetAsync("/api/audit")).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task PayrollReadsTimesheetsButNotPeopleNorFacesAndCannotCorrect()
    {
        await using var app = TestRoles.App();
        using var payroll = app.CreateClient(Roles.Payroll);

        (await payroll.GetAsync("/api/timesheets")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await payroll.GetAsync("/api/attendance.csv")).StatusCode.Should().Be(HttpStatusCode.OK);
        await (await payroll.GetAsync("/api/people")).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await payroll.PostAsJsonAsync("/api/attendance", new { })).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task TheApiKeyAndTheAdminPasswordAreOwners()
    {
        await using var app = TestRoles.App();
        using var key = app.CreateAdminClient();

        (await key.GetAsync("/api/audit")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await key.PostAsJsonAsync("/api/kiosks", new { name = "Back door", site = "Main" })).StatusCode.Should().Be(HttpStatusCode.Created);
    }
}
