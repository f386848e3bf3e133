namespace FaceAttendance.Web.Localization;

/// <summary>The kiosk's texts: <c>Resources/Localization/KioskTexts*.resx</c>. The kiosk page renders its own and hands
/// every one to its script (<c>wwwroot/js/kiosk/texts.js</c>), which says refusals by their code.</summary>
public sealed class KioskTexts;

/// <summary>The admin pages' texts: <c>Resources/Localization/AdminTexts*.resx</c>, as <c>T</c> in every page.</summary>
public sealed class AdminTexts;
