using FaceAttendance.Web.Attendance;
using FaceAttendance.Web.Configuration;
using Microsoft.Extensions.Options;

namespace FaceAttendance.Web.People;

internal static class PeopleSetup
{
    /// <summary>The services the admin API and the Razor pages share.</summary>
    public static void AddPeopleAndAttendance(this WebApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<ConsentOptions>(ConsentOptions.Section);
        builder.Services.AddValidatedOptions<KioskOptions>(KioskOptions.Section);
        builder.Services.AddSingleton<IValidateOptions<KioskOptions>, KioskOptionsValidator>();
        builder.Services.AddValidatedOptions<AttendanceOptions>(AttendanceOptions.Section);
        builder.Services.AddScoped<FaceEnrolment>();
        builder.Services.AddScoped<KioskLearning>();
        builder.Services.AddScoped<AttendanceRecorder>();
        builder.Services.AddSingleton<PunchTickets>();
        builder.Services.AddScoped<ScanDecider>();
        builder.Services.AddScoped<Pins.PinPunch>();
        builder.Services.AddSingleton<Pins.PinThrottle>();
        builder.Services.AddScoped<KeptSnapshots>();
        builder.Services.AddScoped<AttendanceCorrections>();
        builder.Services.AddScoped<Sites.AccessScope>();
        builder.Services.AddScoped<Timesheets>();
    }
}
