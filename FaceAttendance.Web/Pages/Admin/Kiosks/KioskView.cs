using System.Globalization;
using FaceAttendance.Web.Configuration;
using FaceAttendance.Web.Kiosks;
using FaceAttendance.Web.Localization;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;

namespace FaceAttendance.Web.Pages.Admin.Kiosks;

/// <summary>A kiosk as the admin pages show it, from the same <see cref="KioskResponse"/> the API answers; times in the
/// app's calendar time zone.</summary>
public sealed record KioskView(
    Guid Id, string Name, string Site, string TimeZone, string State, string? PairedAt, string? LastContactAt, string? LastContactAgo,
    bool CanScanOffline, bool Revoked)
{
    public static KioskView Of(KioskResponse kiosk, AttendanceCalendar calendar, DateTime now) => new(
        kiosk.Id, kiosk.Name, kiosk.Site, kiosk.TimeZone,
        kiosk.State switch { "paired" => "Paired", "revoked" => "Revoked", _ => "Awaiting pairing" },
        kiosk.PairedAt is { } paired ? Local(paired, calendar) : null,
        kiosk.LastContactAt is { } contact ? Local(contact, calendar) : null,
        kiosk.LastContactAt is { } last ? Ago(now - last) : null,
        kiosk.CanScanOffline, kiosk.RevokedAt is not null);

    public static string Local(DateTime utc, AttendanceCalendar calendar) =>
        calendar.ToLocal(utc).ToString("ddd d MMM yyyy HH:mm", CultureInfo.InvariantCulture);

    /// <summary>"just now", "5 min ago", "3 h ago", "2 days ago".</summary>
    public static string Ago(TimeSpan elapsed) => elapsed switch
    {
        { TotalMinutes: < 1 } => "just now",
        { TotalHours: < 1 } => $"{(int)elapsed.TotalMinutes} min ago",
        { TotalDays: < 2 } => $"{(int)elapsed.TotalHours} h ago",
        _ => $"{(int)elapsed.TotalDays} days ago",
    };

    /// <summary>The time zones to choose from (IANA ids), with <paramref name="current"/> among them even if this server
    /// does not list it.</summary>
    public static IReadOnlyList<SelectListItem> TimeZoneChoices(string current) =>
        [.. KnownTimeZones.Concat(string.IsNullOrWhiteSpace(current) ? [] : [current]).Distinct().Order(StringComparer.Ordinal).Select(id => new SelectListItem(id, id, id == current))];

    /// <summary>"The browser's language", then each language the kiosk speaks, named in itself.</summary>
    public static IReadOnlyList<SelectListItem> LanguageChoices(string? current) =>
        [new SelectListItem("The browser's language", "", current is null), .. Languages.Supported.Select(l => new SelectListItem(Languages.NativeName(l), l, l == current))];

    private static readonly string[] KnownTimeZones = [.. TimeZoneInfo.GetSystemTimeZones()
        .Select(zone => zone.HasIanaId ? zone.Id : TimeZoneInfo.TryConvertWindowsIdToIanaId(zone.Id, out var iana) ? iana : zone.Id)];
}

/// <summary>A pairing code just issued, carried through the redirect after the POST (in TempData, so never in a URL or the
/// database) and shown once on the kiosk's page, with the QR code of its pairing URL.</summary>
public sealed record IssuedPairing(Guid KioskId, string Code, string PairingUrl, DateTime ExpiresAt)
{
    private const string Key = nameof(IssuedPairing);

    public static void Keep(ITempDataDictionary tempData, Guid kioskId, PairingCode code) =>
        tempData[Key] = System.Text.Json.JsonSerializer.Serialize(new IssuedPairing(kioskId, code.Code, code.PairingUrl, code.ExpiresAt));

    /// <summary>The code issued for <paramref name="kioskId"/> by the request before, if any; read once.</summary>
    public static IssuedPairing? Take(ITempDataDictionary tempData, Guid kioskId) =>
        tempData[Key] is string json && System.Text.Json.JsonSerializer.Deserialize<IssuedPairing>(json) is { } issued && issued.KioskId == kioskId
            ? issued
            : null;

    /// <summary>The pairing URL's QR code, a PNG as a data: URI.</summary>
    public string QrCodeDataUri() => QrCode.PngDataUri(PairingUrl);
}
