using Microsoft.Extensions.Options;

namespace FaceAttendance.Web.Configuration;

/// <summary>
/// The data annotations of a provider's options (the S3 store's, Rekognition's), checked at start only when that provider
/// is the one configured: an S3 bucket is required with <c>Storage:Provider=S3</c> and means nothing without it.
/// </summary>
internal sealed class ValidateWhenSelected<TOptions, TChoice>(IOptions<TChoice> choice, Func<TChoice, bool> isSelected)
    : IValidateOptions<TOptions> where TOptions : class where TChoice : class
{
    public ValidateOptionsResult Validate(string? name, TOptions options) =>
        isSelected(choice.Value) ? new DataAnnotationValidateOptions<TOptions>(name).Validate(name, options) : ValidateOptionsResult.Skip;
}

internal static class ValidateWhenSelectedExtensions
{
    /// <param name="isSelected">Whether the options that choose the provider (<c>Storage</c>, <c>Engine</c>) select it.</param>
    public static OptionsBuilder<TOptions> ValidateOnStartWhenSelected<TOptions, TChoice>(this OptionsBuilder<TOptions> options,
        Func<TChoice, bool> isSelected) where TOptions : class where TChoice : class
    {
        options.Services.AddSingleton<IValidateOptions<TOptions>>(sp =>
            new ValidateWhenSelected<TOptions, TChoice>(sp.GetRequiredService<IOptions<TChoice>>(), isSelected));
        return options.ValidateOnStart();
    }
}
