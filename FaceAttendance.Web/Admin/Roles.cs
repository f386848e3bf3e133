using FaceAttendance.Web.Http;
using Microsoft.AspNetCore.Authorization;

namespace FaceAttendance.Web.Admin;

/// <summary>The role an account holds (one each), carried as a <see cref="System.Security.Claims.ClaimTypes.Role"/> claim.
/// The admin cookie and the configured API key are <see cref="Owner"/>.</summary>
public static class Roles
{
    /// <summary>Everything, and the accounts.</summary>
    public const string Owner = "Owner";
    /// <summary>People, kiosks, corrections, the audit log and operations.</summary>
    public const string Admin = "Admin";
    /// <summary>People, events and corrections of the sites and departments an Owner gave them (<see cref="Sites.AccessScope"/>).</summary>
    public const string Manager = "Manager";
    /// <summary>Timesheets, the attendance log and their exports, read only.</summary>
    public const string Payroll = "Payroll";
    /// <summary>Read only: people, kiosks, attendance and timesheets, not the audit log.</summary>
    public const string Viewer = "Viewer";

    public static readonly IReadOnlyList<string> All = [Owner, Admin, Manager, Payroll, Viewer];

    /// <summary>Why <paramref name="role"/> cannot be given (it is none of <see cref="All"/>), or null.</summary>
    public static Refusal? Refusal(string role) => All.Contains(role) ? null
        : new(StatusCodes.Status400BadRequest, "unknown-role", $"The role must be one of {string.Join(", ", All)}.");
}

/// <summary>Who may do what: each policy is named after what it allows and lists the roles that have it. Every admin
/// route group and Razor folder names one (the route table test in the tests fails on a route that names none).</summary>
public static class Policies
{
    public const string CanManageAccounts = nameof(CanManageAccounts);
    /// <summary>The running system: detailed health, metrics, the face engine's sync.</summary>
    public const string CanOperate = nameof(CanOperate);
    public const string CanEditPeople = nameof(CanEditPeople);
    public const string CanEditKiosks = nameof(CanEditKiosks);
    /// <summary>Add, rename and delete sites and departments, and set the pay rules of the organisation, a site or a
    /// department (which a Manager covers is <see cref="CanManageAccounts"/>').</summary>
    public const string CanEditSites = nameof(CanEditSites);
    public const string CanCorrect = nameof(CanCorrect);
    /// <summary>People's and departments' schedules (a Manager's within their scope).</summary>
    public const string CanEditSchedules = nameof(CanEditSchedules);
    /// <summary>Approve (and so lock) a person's pay period; a Manager only for the people of their scope.</summary>
    public const string CanApproveHours = nameof(CanApproveHours);
    /// <summary>Reopen an approved period, correct events inside one, set the pay period.</summary>
    public const string CanOverseeHours = nameof(CanOverseeHours);
    /// <summary>Register webhooks, rotate their secrets, read their delivery log.</summary>
    public const string CanManageWebhooks = nameof(CanManageWebhooks);
    public const string CanReadAudit = nameof(CanReadAudit);
    /// <summary>People, faces, kiosks, scans: everything but the audit log.</summary>
    public const string CanRead = nameof(CanRead);
    /// <summary>Timesheets and the attendance log with their CSV exports: the least any account may do.</summary>
    public const string CanReadTimesheets = nameof(CanReadTimesheets);

    public static readonly IReadOnlyDictionary<string, string[]> RolesOf = new Dictionary<string, string[]>
    {
        [CanManageAccounts] = [Roles.Owner],
        [CanOperate] = [Roles.Owner, Roles.Admin],
        [CanEditPeople] = [Roles.Owner, Roles.Admin, Roles.Manager],
        [CanEditKiosks] = [Roles.Owner, Roles.Admin],
        [CanEditSites] = [Roles.Owner, Roles.Admin],
        [CanCorrect] = [Roles.Owner, Roles.Admin, Roles.Manager],
        [CanEditSchedules] = [Roles.Owner, Roles.Admin, Roles.Manager],
        [CanApproveHours] = [Roles.Owner, Roles.Admin, Roles.Manager],
        [CanOverseeHours] = [Roles.Owner, Roles.Admin],
        [CanManageWebhooks] = [Roles.Owner, Roles.Admin],
        [CanReadAudit] = [Roles.Owner, Roles.Admin],
        [CanRead] = [Roles.Owner, Roles.Admin, Roles.Manager, Roles.Viewer],
        [CanReadTimesheets] = [Roles.Owner, Roles.Admin, Roles.Manager, Roles.Payroll, Roles.Viewer],
    };

    /// <summary>Each policy as a role check on the default scheme (the admin cookie or API key); a kiosk's token carries no role.</summary>
    internal static AuthorizationBuilder AddRolePolicies(this AuthorizationBuilder authorization)
    {
        foreach (var (policy, roles) in RolesOf)
        {
            authorization.AddPolicy(policy, p => p.RequireRole(roles));
        }
        return authorization;
    }
}
