using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;

namespace FaceAttendance.Web.Kiosks;

/// <summary>
/// A scan a kiosk keeps offline is signed at capture time with the ECDSA P-256 key it made at pairing (a non-extractable
/// WebCrypto key in the browser), over the capture id, the capture time as the kiosk wrote it, each frame's SHA-256 (hex,
/// joined by commas) and, when the kiosk asked for a head turn, that turn:
/// <c>faceattendance-offline-scan/1\n{captureId}\n{capturedAt}\n{sha256 hex,...}[\n{left|right}]</c>, so a scan of one
/// frame and no turn is signed as before bursts. The signature is IEEE P1363 (r‖s), WebCrypto's own format, base64url.
/// </summary>
public static class OfflineScanSignature
{
    public static byte[] Message(string captureId, string capturedAt, IEnumerable<byte[]> frames, string? turn) =>
        Encoding.UTF8.GetBytes($"faceattendance-offline-scan/1\n{captureId}\n{capturedAt}\n" +
            string.Join(',', frames.Select(frame => Convert.ToHexStringLower(SHA256.HashData(frame)))) + (turn is null ? "" : $"\n{turn}"));

    public static bool Verify(string publicKey, string captureId, string capturedAt, IEnumerable<byte[]> frames, string? turn, string? signature)
    {
        if (signature is null || !TryBase64Url(signature, out var signatureBytes))
        {
            return false;
        }
        using var key = ReadPublicKey(publicKey);
        return key is not null && key.VerifyData(Message(captureId, capturedAt, frames, turn), signatureBytes, HashAlgorithmName.SHA256);
    }

    /// <summary>An ECDSA P-256 public key from base64 SubjectPublicKeyInfo (WebCrypto's "spki" export), or null.</summary>
    public static ECDsa? ReadPublicKey(string? base64)
    {
        if (base64 is null || base64.Length > 512)
        {
            return null;
        }
        var key = ECDsa.Create();
        try
        {
            var der = Convert.FromBase64String(base64);
            key.ImportSubjectPublicKeyInfo(der, out var read);
            // a named P-256 curve (explicit parameters carry no OID) and nothing after the key
            if (read == der.Length && key.KeySize == 256 && key.ExportParameters(false).Curve.Oid?.Value == ECCurve.NamedCurves.nistP256.Oid.Value)
            {
                return key;
            }
        }
        catch (Exception e) when (e is FormatException or CryptographicException)
        {
        }
        key.Dispose();
        return null;
    }

    private static bool TryBase64Url(string text, out byte[] bytes)
    {
        try
        {
            bytes = WebEncoders.Base64UrlDecode(text);
            return true;
        }
        catch (FormatException)
        {
            bytes = [];
            return false;
        }
    }
}
