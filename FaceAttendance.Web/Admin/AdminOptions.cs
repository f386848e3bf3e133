using Microsoft.Extensions.Options;

namespace FaceAttendance.Web.Admin;

/// <summary>The <c>FaceAttendance:Admin</c> section.</summary>
public sealed class AdminOptions
{
    public const string Section = "FaceAttendance:Admin";

    /// <summary>The shortest configured key or password the app accepts (generated ones are far longer).</summary>
    public const int MinimumSecretLength = 12;

    /// <summary>Key for the X-Api-Key header; generated at first start when unset.</summary>
    public string? ApiKey { get; set; }

    /// <summary>Password of the admin pages; generated at first start when unset.</summary>
    public string? Password { get; set; }
}

/// <summary>A configured secret must be at least as hard to guess as a 12-character password; empty means "generate one".</summary>
internal sealed class AdminOptionsValidator : IValidateOptions<AdminOptions>
{
    public ValidateOptionsResult Validate(string? name, AdminOptions options)
    {
        var failures = new[] { ("ApiKey", options.ApiKey), ("Password", options.Password) }
            .Where(secret => secret.Item2 is { Length: > 0 and < AdminOptions.MinimumSecretLength })
            .Select(secret => $"FaceAttendance:Admin:{secret.Item1} is {secret.Item2!.Length} characters; use at least {AdminOptions.MinimumSecretLength}, or leave it unset to have one generated.")
            .ToList();
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
