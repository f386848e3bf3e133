using Microsoft.Extensions.Options;

namespace FaceAttendance.Web.Configuration;

/// <summary>
/// The data annotations of a provider's options (the S3 store's, Rekognition's), checked at start only when that provider
/// is the one configured: an S3 bucket is required with <c>Storage:Provider=S3</c> and means nothing without it.
/// </summary>
internal sealed class ValidateWhenSelected<TOptions>(IOptions<FaceAttendanceOptions> app, Func<FaceAttendanceOptions, bool> isSelected)
    : IValidateOptions<TOptions> where TOptions : class
{
    public ValidateOptionsResult Validate(string? name, TOptions options) =>
        isSelected(app.Value) ? new DataAnnotationValidateOptions<TOptions>(name).Validate(name, options) : ValidateOptionsResult.Skip;
}

internal static class ValidateWhenSelectedExtensions
{
    public static OptionsBuilder<TOptions> ValidateOnStartWhenSelected<TOptions>(this OptionsBuilder<TOptions> options,
        Func<FaceAttendanceOptions, bool> isSelected) where TOptions : class
    {
        options.Services.AddSingleton<IValidateOptions<TOptions>>(sp =>
            new ValidateWhenSelected<TOptions>(sp.GetRequiredService<IOptions<FaceAttendanceOptions>>(), isSelected));
        return options.ValidateOnStart();
    }
}
