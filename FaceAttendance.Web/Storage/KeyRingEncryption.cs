using System.Security.Cryptography;
using System.Xml.Linq;
using FaceAttendance.Web.Data;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using Microsoft.Extensions.Options;

namespace FaceAttendance.Web.Storage;

/// <summary>
/// The Data Protection key ring (which signs upload URLs and admin cookies) is stored in the database encrypted with
/// AES-256-GCM under a key-encryption key that is not in the database: <c>FaceAttendance:KeyRingKey</c> (32 bytes,
/// base64; from the environment or a secret store), or with SQLite and nothing configured, a key generated once into
/// DataDir/keyring.key (0600). A copy of the database alone, a backup or a shared PostgreSQL server, cannot forge upload
/// URLs or sessions. A certificate would serve too, but a configured key is what every host here (Kestrel, Docker,
/// Lambda) can supply alike; DPAPI exists only on Windows.
/// </summary>
public sealed class KeyRingKey
{
    public const int Size = 32;
    public const string FileName = "keyring.key";

    public KeyRingKey(KeyRingOptions options, DataDirOptions dataDir)
    {
        if (options.KeyRingKey is { Length: > 0 } configured)
        {
            Bytes = Convert.FromBase64String(configured);
            return;
        }
        var path = Path.Combine(dataDir.DataPath, FileName);
        if (!File.Exists(path))
        {
            var created = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                created.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }
            using var file = new FileStream(path, created);
            file.Write(RandomNumberGenerator.GetBytes(Size));
        }
        Bytes = File.ReadAllBytes(path);
        if (Bytes.Length != Size)
        {
            throw new InvalidOperationException($"{path} must hold {Size} bytes; it holds {Bytes.Length}.");
        }
    }

    internal byte[] Bytes { get; }
}

internal static class KeyRingEncryption
{
    public static void EncryptKeyRing(this IServiceCollection services)
    {
        services.AddSingleton<KeyRingKey>();
        services.AddOptions<KeyManagementOptions>().Configure<KeyRingKey>((keys, key) => keys.XmlEncryptor = new KeyRingEncryptor(key));
    }
}

/// <summary>Writes <c>&lt;encryptedKey&gt;</c>: base64 of nonce, tag and ciphertext of the key's XML.</summary>
internal sealed class KeyRingEncryptor(KeyRingKey key) : IXmlEncryptor
{
    private const int NonceSize = 12;
    private const int TagSize = 16;

    public EncryptedXmlInfo Encrypt(XElement plaintextElement)
    {
        var plaintext = System.Text.Encoding.UTF8.GetBytes(plaintextElement.ToString(SaveOptions.DisableFormatting));
        var sealedBytes = new byte[NonceSize + TagSize + plaintext.Length];
        var nonce = sealedBytes.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(key.Bytes, TagSize);
        aes.Encrypt(nonce, plaintext, sealedBytes.AsSpan(NonceSize + TagSize), sealedBytes.AsSpan(NonceSize, TagSize));
        return new EncryptedXmlInfo(new XElement("encryptedKey", new XElement("value", Convert.ToBase64String(sealedBytes))), typeof(KeyRingDecryptor));
    }

    public static XElement Decrypt(KeyRingKey key, XElement encryptedElement)
    {
        var sealedBytes = Convert.FromBase64String((string?)encryptedElement.Element("value")
            ?? throw new InvalidOperationException("The key ring entry has no encrypted value."));
        var plaintext = new byte[sealedBytes.Length - NonceSize - TagSize];
        using var aes = new AesGcm(key.Bytes, TagSize);
        try
        {
            aes.Decrypt(sealedBytes.AsSpan(0, NonceSize), sealedBytes.AsSpan(NonceSize + TagSize), sealedBytes.AsSpan(NonceSize, TagSize), plaintext);
        }
        catch (AuthenticationTagMismatchException)
        {
            throw new InvalidOperationException(
                "A Data Protection key in the database was encrypted under another key ring key: give every instance the same FaceAttendance:KeyRingKey.");
        }
        return XElement.Parse(System.Text.Encoding.UTF8.GetString(plaintext));
    }
}

/// <summary>Created by Data Protection from the type name stored beside each encrypted key.</summary>
internal sealed class KeyRingDecryptor(IServiceProvider services) : IXmlDecryptor
{
    public XElement Decrypt(XElement encryptedElement) =>
        KeyRingEncryptor.Decrypt(services.GetRequiredService<KeyRingKey>(), encryptedElement);
}
