using Microsoft.AspNetCore.DataProtection;

namespace FaceAttendance.Web.Webhooks;

/// <summary>Keeps webhook secrets encrypted at rest with the app's key ring (shared by every instance through the
/// database), since signing needs them back.</summary>
public sealed class WebhookSecrets(IDataProtectionProvider protection)
{
    private readonly IDataProtector _protector = protection.CreateProtector("FaceAttendance.Webhooks.Secret");

    public string Protect(string secret) => _protector.Protect(secret);

    public string Unprotect(string protectedSecret) => _protector.Unprotect(protectedSecret);
}
