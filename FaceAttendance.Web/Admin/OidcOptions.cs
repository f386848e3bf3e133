using Microsoft.Extensions.Options;

namespace FaceAttendance.Web.Admin;

/// <summary>The <c>FaceAttendance:Oidc</c> section: sign-in with the company's identity provider (OpenID Connect,
/// <c>docs/identity-providers.md</c>). Off while <see cref="Authority"/> is empty.</summary>
public sealed class OidcOptions
{
    public const string Section = "FaceAttendance:Oidc";

    /// <summary>The issuer, e.g. https://login.microsoftonline.com/{tenant}/v2.0; its discovery document is read from
    /// {Authority}/.well-known/openid-configuration.</summary>
    public string? Authority { get; set; }

    public string? ClientId { get; set; }

    public string? ClientSecret { get; set; }

    /// <summary>The provider's name on the login page's button: "Sign in with Contoso".</summary>
    public string DisplayName { get; set; } = "your identity provider";

    /// <summary>Scopes asked for beyond openid, profile and email, e.g. "groups" for Okta or Keycloak.</summary>
    public string[] Scopes { get; set; } = [];

    /// <summary>The claim that holds the user's groups or roles at the provider (Entra ID and Okta: "groups").</summary>
    public string RoleClaim { get; set; } = "groups";

    /// <summary>A value of <see cref="RoleClaim"/> to one of <see cref="Roles.All"/>; someone in several mapped groups
    /// gets the strongest role. Read at each sign-in, so a group change at the provider changes the role. Values are
    /// compared ignoring case, here and in <see cref="AllowedGroups"/>.</summary>
    public Dictionary<string, string> RoleMap { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The role of someone let in whose groups map to none; unset (the default) refuses them, so nobody gets
    /// a role that no one mapped. Set it (e.g. Viewer) for providers that send no groups, like Google Workspace.</summary>
    public string? DefaultRole { get; set; }

    /// <summary>Who may sign in (and so get an account at first sign-in): a verified email of one of these domains...</summary>
    public string[] AllowedDomains { get; set; } = [];

    /// <summary>...or a value of <see cref="RoleClaim"/> among these.</summary>
    public string[] AllowedGroups { get; set; } = [];

    /// <summary>Only for a provider on this machine without TLS (the tests' provider); never in production.</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    public bool Enabled => !string.IsNullOrWhiteSpace(Authority);
}

/// <summary>A provider that is configured must be complete: a wrong role name or an http authority stops the start with
/// the key to fix, rather than failing at someone's first sign-in.</summary>
internal sealed class OidcOptionsValidator : IValidateOptions<OidcOptions>
{
    public ValidateOptionsResult Validate(string? name, OidcOptions options)
    {
        if (!options.Enabled)
        {
            return ValidateOptionsResult.Skip;
        }
        var roles = string.Join(", ", Roles.All);
        var failures = new List<string>();
        if (!Uri.TryCreate(options.Authority, UriKind.Absolute, out var authority) || authority.Scheme is not ("https" or "http"))
        {
            failures.Add($"{OidcOptions.Section}:Authority '{options.Authority}' is not an absolute https URL.");
        }
        else if (authority.Scheme == "http" && options.RequireHttpsMetadata)
        {
            failures.Add($"{OidcOptions.Section}:Authority '{options.Authority}' must use https.");
        }
        failures.AddRange(new[] { ("ClientId", options.ClientId), ("ClientSecret", options.ClientSecret), ("RoleClaim", options.RoleClaim) }
            .Where(setting => string.IsNullOrWhiteSpace(setting.Item2))
            .Select(setting => $"{OidcOptions.Section}:{setting.Item1} is required when Authority is set."));
        failures.AddRange(options.RoleMap.Where(map => !Roles.All.Contains(map.Value))
            .Select(map => $"{OidcOptions.Section}:RoleMap:{map.Key} is '{map.Value}'; use one of {roles}."));
        if (options.DefaultRole is not null && !Roles.All.Contains(options.DefaultRole))
        {
            failures.Add($"{OidcOptions.Section}:DefaultRole is '{options.DefaultRole}'; use one of {roles}, or leave it unset to refuse.");
        }
        if (options.AllowedDomains.Length == 0 && options.AllowedGroups.Length == 0)
        {
            failures.Add($"{OidcOptions.Section}: set AllowedDomains or AllowedGroups, or nobody can sign in with the provider.");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
