using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace FaceAttendance.Web.Configuration;

internal static class ValidatedOptions
{
    /// <summary>Binds <typeparamref name="TOptions"/> to <paramref name="section"/>, checks its data annotations at start
    /// and registers its value, so constructors and handlers take the options class itself.</summary>
    public static void AddValidatedOptions<TOptions>(this IServiceCollection services, string section) where TOptions : class
    {
        services.AddOptions<TOptions>().BindConfiguration(section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<TOptions>>(new SectionAnnotationsValidator<TOptions>(section));
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<TOptions>>().Value);
    }

    /// <summary>Checks every section at once, right after the app is built: the first use of one section (the data dir,
    /// the pipeline) would otherwise report only that section's mistakes, one failed start at a time.</summary>
    public static void ValidateOptionsNow(this WebApplication app) => app.Services.GetRequiredService<IStartupValidator>().Validate();

    /// <summary>ValidateDataAnnotations, with each message naming the section it is about ("FaceAttendance:Kiosk: The
    /// field RequestsPerMinute ..."), so an operator knows which key to fix.</summary>
    private sealed class SectionAnnotationsValidator<TOptions>(string section) : IValidateOptions<TOptions> where TOptions : class
    {
        public ValidateOptionsResult Validate(string? name, TOptions options)
        {
            var results = new List<ValidationResult>();
            return Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true)
                ? ValidateOptionsResult.Success
                : ValidateOptionsResult.Fail(results.Select(result => $"{section}: {result.ErrorMessage}"));
        }
    }
}
