using QRCoder;

namespace FaceAttendance.Web.Pages.Admin;

/// <summary>The admin pages' QR codes (a kiosk's pairing URL, an authenticator's otpauth:// URI).</summary>
public static class QrCode
{
    /// <summary>A PNG of <paramref name="text"/>'s QR code as a data: URI (the page's CSP allows data: images, not inline script).</summary>
    public static string PngDataUri(string text)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        return "data:image/png;base64," + Convert.ToBase64String(new PngByteQRCode(data).GetGraphic(6));
    }
}
