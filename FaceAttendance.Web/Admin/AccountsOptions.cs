namespace FaceAttendance.Web.Admin;

/// <summary>The <c>FaceAttendance:Accounts</c> section.</summary>
public sealed class AccountsOptions
{
    public const string Section = "FaceAttendance:Accounts";

    /// <summary>When true, an Owner account without two-step sign-in reaches only "Your account" (to turn it on) until it
    /// has, and no Owner can turn it off (<see cref="TwoFactorEnrolment"/>). Default false.</summary>
    public bool RequireTwoFactorForOwners { get; set; }
}
