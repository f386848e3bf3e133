namespace FaceAttendance.Web.Approvals;

internal static class ApprovalsSetup
{
    public static void AddApprovals(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<PeriodApprovals>();
        builder.Services.AddScoped<PeriodLocks>();
        builder.Services.AddSingleton<LockedPeriodWatch>();
    }
}
