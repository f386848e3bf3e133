// The kiosk's side of the HTTP contract: presign a burst -> upload its frames (PUT, or S3's form POST) -> /attendance.
// Every way this can end becomes one Outcome { success, name, message } for the screen. When the server cannot be
// reached the frames are kept (offline-queue.js) and sent with their capture time once the connection is back.
import { postJson, requestTimeoutMs, send, ServerRefused, ServerUnreachable } from "./http.js";
import { forget, keep, kept } from "./offline-queue.js";
import { pinTexts } from "./pin.js";

// Everything the kiosk can be told "no" for, each said once, in words for the person at the kiosk (never a code).
const refusals = {
  "no-face": "No face found. Please look straight at the camera.",
  "multiple-faces": "More than one face. Please step up one at a time.",
  "poor-quality": "The picture was not clear enough. Please hold still and try again.",
  "not-live": "That did not look like a live face. Please look at the camera yourself, without a photo or screen.",
  "head-not-turned": "Please turn your head the way the arrow shows, then try again.",
  "too-many-requests": "Too many scans just now. Please wait a moment and try again.",
  "snapshot-expired": "That took too long. Please try again.",
  "unknown-key": "The picture did not arrive. Please try again.",
  "image-too-large": "The picture was too large to send. Please see an administrator.",
  "unsupported-image-type": "The camera picture could not be read. Please try again.",
  "undecodable-image": "The camera picture could not be read. Please try again.",
  "insufficient-storage": "The kiosk cannot save scans right now. Please see an administrator.",
  "upload-quota-exceeded": "This kiosk has sent too many scans this hour. Please see an administrator.",
  "disk-full": "The kiosk cannot save scans right now. Please see an administrator.",
  "server-error": "The server had a problem. Please see an administrator.",
  "unreachable": "Cannot reach the server. Please check the network or see an administrator.",
  "saved-offline": "Saved — it will be sent when the connection is back.",
  "camera": "The camera picture could not be taken. Please try again.",
  "other": "That did not work. Please try again.",
  ...pinTexts.refusals,
};

// Quality reasons the server may name, said as instructions a person can follow.
const qualityAdvice = {
  toosmall: "Please come closer.",
  tooblurred: "Please hold still.",
  toodark: "More light is needed.",
  toobright: "There is too much light behind or on you.",
  headturned: "Please face the camera.",
  eyesclosed: "Please keep your eyes open.",
};

// the kiosk's own time zone (Admin › Kiosks), so a kiosk shows its site's time whatever the tablet is set to
let timeZone;

export function useTimeZone(zone) {
  timeZone = zone;
}

function timeOf(isoInstant) {
  return new Date(isoInstant).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit", hour12: false, timeZone });
}

function greeting(now) {
  const hour = Number(new Intl.DateTimeFormat("en-GB", { hour: "numeric", hourCycle: "h23", timeZone }).format(now));
  return hour < 12 ? "Good morning" : hour < 18 ? "Good afternoon" : "Good evening";
}

// The first check-in of the day is greeted, a later one welcomed back, a check-out said goodbye to.
function recognised(result) {
  const name = result.person?.name ?? "";
  const at = timeOf(result.recordedAt);
  switch (result.status) {
    case "checked-in":
      return { success: true, name, message: `${result.firstToday ? greeting(new Date(result.recordedAt)) : "Welcome back"} — checked in at ${at}` };
    case "checked-out":
      return { success: true, name, message: `Goodbye — checked out at ${at}` };
    case "already-recorded":
      return { success: true, name, message: `Already checked ${result.kind === "out" ? "out" : "in"} at ${at}` };
    default:
      return { success: false, name: "", message: "Not recognised. Please try again, or see an administrator to be enrolled." };
  }
}

function qualityMessage(problem) {
  const reasons = problem?.reasons ?? [];
  const advice = reasons.map((r) => qualityAdvice[String(r).replace(/[^a-z]/gi, "").toLowerCase()]).filter(Boolean);
  return advice.length > 0 ? `The picture was not clear enough. ${advice.join(" ")}` : refusals["poor-quality"];
}

export function refusal(code) {
  return { success: false, name: "", message: refusals[code] ?? refusals.other, noFace: code === "no-face" };
}

// `turn`: the head turn this scan asked for, named again when the head did not turn
function refused(error, turn) {
  const code = error.problem?.code;
  if (code === "head-not-turned" && turn) return { ...refusal(code), message: `Please turn your head to your ${turn} when the arrow shows, then try again.` };
  // revoked or never paired: the screen changes to the pairing form (kiosk.js)
  if (error.status === 401) return { success: false, name: "", message: error.problem?.detail ?? "", unpaired: code ?? "kiosk-not-paired" };
  if (code === "poor-quality") return { ...refusal(code), message: qualityMessage(error.problem) };
  if (code in refusals) return refusal(code);
  if (error.status === 429) return refusal("too-many-requests");
  if (error.status >= 500) return refusal("server-error");
  return refusal("other");
}

const pollIntervalMs = 400;

// With Kiosk:Decision=S3Event the upload's S3 event decides the snapshot; the kiosk asks until the answer is there.
async function decisionOf(key) {
  const deadline = performance.now() + requestTimeoutMs;
  for (;;) {
    const response = await send(`/attendance/${key}`, { headers: { Accept: "application/json" } });
    if (response.status !== 202) return response.json();
    if (performance.now() > deadline) throw new ServerRefused(504, null);
    await new Promise((resolve) => setTimeout(resolve, pollIntervalMs));
  }
}

// S3's POST policy takes a form: its fields first, the file last (S3 ignores fields after it); otherwise the bare JPEG.
function uploadBody(presigned, jpeg) {
  if (!presigned.fields) return jpeg;
  const form = new FormData();
  for (const [name, value] of Object.entries(presigned.fields)) form.append(name, value);
  form.append("file", jpeg, "snapshot.jpg");
  return form;
}

const kioskPage = document.getElementById("kiosk");
// how many frames one scan takes, and whether the server asks for a head turn during them (Kiosk:BurstFrames, Kiosk:Liveness)
const burstFrames = Number(kioskPage?.dataset.burstFrames ?? 1);
const challenge = kioskPage?.dataset.liveness === "challenge";

function uploadFrame(upload, jpeg) {
  return send(upload.uploadUrl, { method: upload.method ?? "PUT", headers: upload.headers ?? {}, body: uploadBody(upload, jpeg) });
}

/**
 * Takes a burst with `capture(turn, count)` (it resolves to the JPEG frames, or rejects when the camera fails), uploads
 * it and asks the server who it is. The server chooses the turn; offline, the kiosk does and signs it with the frames.
 * Throws only what `capture` throws.
 */
export async function recordAttendance(capture) {
  const capturedAt = new Date();
  let frames;
  let turn = null;
  try {
    const presigned = await (await postJson("/presign", { contentType: "image/jpeg", frames: burstFrames })).json();
    const uploads = presigned.frames ?? [presigned];
    turn = presigned.turn ?? null;
    frames = await capture(turn, uploads.length);
    await Promise.all(uploads.map((upload, i) => uploadFrame(upload, frames[i])));
    const decidedByEvent = kioskPage?.dataset.decision === "s3-event";
    const result = decidedByEvent
      ? await decisionOf(presigned.key)
      : await (await postJson("/attendance", { keys: uploads.map((upload) => upload.key) })).json();
    return recognised(result);
  } catch (error) {
    if (error instanceof ServerUnreachable) {
      if (!frames) {
        turn = challenge ? (crypto.getRandomValues(new Uint8Array(1))[0] % 2 === 0 ? "left" : "right") : null;
        frames = await capture(turn, burstFrames);
      }
      const saved = await keep(frames, capturedAt, turn).catch(() => false);
      return saved ? { success: true, name: "", message: refusals["saved-offline"], offline: true } : { ...refusal("unreachable"), offline: true };
    }
    if (error instanceof ServerRefused) return refused(error, turn);
    throw error;
  }
}

/**
 * The PIN fallback: the employee id, the PIN and one snapshot from `capture()` (taken now, kept by the server as the
 * event's evidence) in one POST, answered like a face scan. Offline there is no PIN check, so nothing is kept.
 */
export async function recordByPin(employeeId, pin, capture) {
  const form = new FormData();
  form.append("employeeId", employeeId);
  form.append("pin", pin);
  form.append("image", await capture(), "snapshot.jpg");
  try {
    return recognised(await (await send("/attendance/pin", { method: "POST", body: form, headers: { Accept: "application/json" } })).json());
  } catch (error) {
    if (error instanceof ServerUnreachable) return refusal("unreachable");
    if (error instanceof ServerRefused) return refused(error, null);
    throw error;
  }
}

/** Whether this kiosk shows "Use PIN" ({ enabled, lockedForSeconds }); not while the server is out of reach. */
export async function pinEntry() {
  try {
    return await (await send("/attendance/pin", { headers: { Accept: "application/json" } })).json();
  } catch {
    return { enabled: false, lockedForSeconds: 0 };
  }
}

let sending = false;

/**
 * Sends the scans kept while offline, oldest first, each with its frames, capture time, turn, the signature made when it
 * was taken and the kiosk's clock now (the server corrects the capture time by the difference). Stops at the first that cannot
 * get through or finds the kiosk unpaired; an answered one is done, whatever the answer. Returns how many were sent.
 */
export async function sendKeptScans() {
  if (sending) return 0;
  sending = true;
  let sent = 0;
  try {
    for (const scan of await kept()) {
      const form = new FormData();
      // scans kept before bursts hold one jpeg
      for (const jpeg of scan.frames ?? [scan.jpeg]) form.append("image", jpeg, "scan.jpg");
      if (scan.turn) form.append("turn", scan.turn);
      form.append("captureId", scan.captureId);
      form.append("capturedAt", scan.capturedAt);
      form.append("signature", scan.signature);
      form.append("sentAt", new Date().toISOString());
      try {
        await send("/attendance", { method: "POST", body: form, headers: { Accept: "application/json" } });
      } catch (error) {
        if (error instanceof ServerUnreachable || error.status === 401) break;
      }
      await forget(scan.captureId);
      sent++;
    }
  } finally {
    sending = false;
  }
  return sent;
}
