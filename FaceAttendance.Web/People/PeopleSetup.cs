using FaceAttendance.Web.Attendance;

namespace FaceAttendance.Web.People;

internal static class PeopleSetup
{
    /// <summary>The services the admin API and the Razor pages share.</summary>
    public static void AddPeopleAndAttendance(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<FaceEnrolment>();
        builder.Services.AddScoped<AttendanceRecorder>();
        builder.Services.AddScoped<ScanDecider>();
        builder.Services.AddScoped<AttendanceCorrections>();
    }
}
