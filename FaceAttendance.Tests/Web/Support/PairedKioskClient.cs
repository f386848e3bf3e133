using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using FaceAttendance.Web.Kiosks;
using Microsoft.AspNetCore.WebUtilities;

namespace FaceAttendance.Tests.Web.Support;

/// <summary>
/// A kiosk paired the way a script pairs one (README: add it, then ask for its token through the admin API): its id,
/// its device token and the ECDSA P-256 key it signs offline scans with, as a browser kiosk's WebCrypto key would.
/// </summary>
public sealed class PairedKioskClient : IDisposable
{
    private PairedKioskClient(Guid id, string token, ECDsa key) => (Id, Token, Key) = (id, token, key);

    public Guid Id { get; }
    public string Token { get; }
    public ECDsa Key { get; }

    /// <summary>Adds a kiosk through <paramref name="admin"/> (a client with the admin API key): it and its pairing code.</summary>
    public static async Task<AddedKiosk> AddAsync(HttpClient admin, string name = "Front door", string site = "Head office")
    {
        var added = await admin.PostAsJsonAsync("/api/kiosks", new { name, site });
        added.StatusCode.Should().Be(HttpStatusCode.Created, await added.Content.ReadAsStringAsync());
        return (await added.Content.ReadFromJsonAsync<AddedKiosk>(Json.Options))!;
    }

    /// <summary>Adds a kiosk and pairs it through <paramref name="admin"/> (a client with the admin API key).</summary>
    public static async Task<PairedKioskClient> PairAsync(HttpClient admin, string name = "Front door", string site = "Head office", bool withKey = true)
    {
        var kiosk = (await AddAsync(admin, name, site)).Kiosk;
        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var paired = await admin.PostAsJsonAsync($"/api/kiosks/{kiosk.Id}/token",
            new { publicKey = withKey ? Convert.ToBase64String(key.ExportSubjectPublicKeyInfo()) : null });
        paired.StatusCode.Should().Be(HttpStatusCode.OK, await paired.Content.ReadAsStringAsync());
        var token = (await paired.Content.ReadFromJsonAsync<KioskToken>(Json.Options))!.Token;
        return new PairedKioskClient(kiosk.Id, token, key);
    }

    /// <summary>A client of the app at <paramref name="baseAddress"/> (a real server) that is this kiosk.</summary>
    public HttpClient CreateClient(Uri baseAddress) => Authorise(new HttpClient { BaseAddress = baseAddress });

    /// <summary>Makes <paramref name="client"/> this kiosk: its requests carry the device token.</summary>
    public HttpClient Authorise(HttpClient client)
    {
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        return client;
    }

    /// <summary>The multipart POST of a scan this kiosk kept offline, signed as the kiosk page signs it at capture time.</summary>
    public MultipartFormDataContent OfflineScan(byte[] jpeg, Guid captureId, DateTimeOffset capturedAt, DateTimeOffset? sentAt, string? signature = null) =>
        OfflineScan([jpeg], captureId, capturedAt, sentAt, turn: null, signature);

    /// <summary>The multipart POST of a burst this kiosk kept offline, with the head turn it asked for (or none).</summary>
    public MultipartFormDataContent OfflineScan(
        IReadOnlyList<byte[]> frames, Guid captureId, DateTimeOffset capturedAt, DateTimeOffset? sentAt, string? turn, string? signature = null)
    {
        var captured = capturedAt.ToString("O", CultureInfo.InvariantCulture);
        var form = FaceAttendanceApp.BurstForm(frames);
        form.Add(new StringContent(captureId.ToString()), "captureId");
        form.Add(new StringContent(captured), "capturedAt");
        if (sentAt is { } sent)
        {
            form.Add(new StringContent(sent.ToString("O", CultureInfo.InvariantCulture)), "sentAt");
        }
        if (turn is not null)
        {
            form.Add(new StringContent(turn), "turn");
        }
        form.Add(new StringContent(signature ?? Sign(captureId.ToString(), captured, frames, turn)), "signature");
        return form;
    }

    public string Sign(string captureId, string capturedAt, byte[] jpeg) => Sign(captureId, capturedAt, [jpeg], turn: null);

    public string Sign(string captureId, string capturedAt, IReadOnlyList<byte[]> frames, string? turn) =>
        WebEncoders.Base64UrlEncode(Key.SignData(OfflineScanSignature.Message(captureId, capturedAt, frames, turn), HashAlgorithmName.SHA256));

    public void Dispose() => Key.Dispose();
}
