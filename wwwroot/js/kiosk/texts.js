// Every sentence the kiosk shows, in the kiosk's language: the page renders them from Resources/Localization/
// KioskTexts*.resx into #kiosk-texts, and this is the one place the kiosk's scripts take them from. Dates and times are
// written in the same language, in the kiosk's time zone.
const texts = JSON.parse(document.getElementById("kiosk-texts")?.textContent ?? "{}");

/** The page's language ("es"), which Intl formats dates and times in. */
export const language = document.documentElement.lang || undefined;

/** The text for `key` with its {placeholders} filled from `values`; the key itself when missing, so a gap shows. */
export function text(key, values = {}) {
  return (texts[key] ?? key).replace(/\{(\w+)\}/g, (placeholder, name) => (name in values ? String(values[name]) : placeholder));
}

/** Whether there is a text for `key` (a refusal's code the kiosk knows). */
export function hasText(key) {
  return key in texts;
}

// the kiosk's own time zone (Admin › Kiosks), so a kiosk shows its site's time whatever the tablet is set to
let timeZone;

/** Uses `zone` for every time shown, if this browser knows it (else the browser's own). */
export function useTimeZone(zone) {
  try {
    new Intl.DateTimeFormat(language, { timeZone: zone });
    timeZone = zone;
  } catch {
    timeZone = undefined;
  }
}

/** "09:02" (24-hour in every language the kiosk speaks), in the kiosk's zone. */
export function timeOf(date) {
  return new Intl.DateTimeFormat(language, { hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone }).format(date);
}

/** The clock's "Monday 09:02" ("lunes, 09:02"). */
export function weekdayAndTime(date) {
  return new Intl.DateTimeFormat(language, { weekday: "long", hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone }).format(date);
}

/** The hour of `date` in the kiosk's zone (0–23), for the greeting. */
export function hourOf(date) {
  return Number(new Intl.DateTimeFormat("en-GB", { hour: "numeric", hourCycle: "h23", timeZone }).format(date));
}
