using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.Options;

namespace FaceAttendance.Web.Configuration;

internal static class ConfigurationSetup
{
    /// <summary>The design card keeps appsettings.json at the top of the repo. The build copies it next to the
    /// binaries; under <c>dotnet run</c> the content root is the project folder, so load that copy with the
    /// lowest precedence, just before the content root's appsettings.json would have been.</summary>
    public static void AddRepoAppSettings(this WebApplicationBuilder builder)
    {
        var sources = builder.Configuration.Sources;
        var contentRootSettings = sources.OfType<JsonConfigurationSource>().FirstOrDefault(s => s.Path == "appsettings.json");
        var shared = new JsonConfigurationSource { Path = Path.Combine(AppContext.BaseDirectory, "appsettings.json"), Optional = true };
        shared.ResolveFileProvider();
        sources.Insert(contentRootSettings is null ? 0 : sources.IndexOf(contentRootSettings), shared);
    }

    public static void AddAttendanceCalendar(this WebApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<CalendarOptions>(CalendarOptions.Section);
        builder.Services.AddSingleton<IValidateOptions<CalendarOptions>, CalendarOptionsValidator>();
        builder.Services.AddSingleton<AttendanceCalendar>();
        builder.Services.AddSingleton(TimeProvider.System);
    }
}
