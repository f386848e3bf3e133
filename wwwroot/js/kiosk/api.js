// The kiosk's side of the HTTP contract: presign a burst -> upload its frames (PUT, or S3's form POST) -> /attendance.
// Every way this can end becomes one Outcome { success, name, message } for the screen. When the server cannot be
// reached the frames are kept (offline-queue.js) and sent with their capture time once the connection is back.
import { postJson, requestTimeoutMs, send, ServerRefused, ServerUnreachable } from "./http.js";
import { forget, keep, kept } from "./offline-queue.js";
import { hasText, hourOf, text, timeOf } from "./texts.js";

// Everything the kiosk can be told "no" for is said once, in words for the person at the kiosk (never a code): the
// refusal's code names its text ("refusal.no-face"); a code the kiosk does not know is "refusal.other". Quality reasons
// the server may name are said as instructions a person can follow ("quality.toodark"). See texts.js.

// The first check-in of the day is greeted, a later one welcomed back, a check-out said goodbye to. An answer that
// offers punches (a Buttons site's choice, or "Check out now") carries the offer on to the screen.
function greeting(at) {
  const hour = hourOf(at);
  return text(hour < 12 ? "greeting.morning" : hour < 18 ? "greeting.afternoon" : "greeting.evening");
}

function recognised(result) {
  const outcome = said(result);
  return result.offer ? { ...outcome, offer: result.offer } : outcome;
}

function said(result) {
  const name = result.person?.name ?? "";
  const recordedAt = new Date(result.recordedAt);
  const time = timeOf(recordedAt);
  switch (result.status) {
    case "choose":
      return { success: true, name, message: text("punch.choose") };
    case "break-started":
      return { success: true, name, message: text("punch.break-started", { time }) };
    case "break-ended":
      return { success: true, name, message: text("punch.break-ended", { time }) };
    case "checked-in":
      return { success: true, name, message: text("checked-in", { greeting: result.firstToday ? greeting(recordedAt) : text("welcome-back"), time }) };
    case "checked-out":
      return { success: true, name, message: text("checked-out", { time }) };
    case "already-recorded":
      return { success: true, name, message: text(result.kind === "out" ? "already-out" : "already-in", { time }) };
    default:
      return { success: false, name: "", message: text("not-recognised") };
  }
}

function qualityMessage(problem) {
  const reasons = problem?.reasons ?? [];
  const advice = reasons.map((r) => `quality.${String(r).replace(/[^a-z]/gi, "").toLowerCase()}`).filter(hasText).map((key) => text(key));
  return advice.length > 0 ? text("poor-quality-advice", { advice: advice.join(" ") }) : text("refusal.poor-quality");
}

const knownRefusal = (code) => typeof code === "string" && hasText(`refusal.${code}`);

export function refusal(code) {
  return { success: false, name: "", message: text(knownRefusal(code) ? `refusal.${code}` : "refusal.other"), noFace: code === "no-face" };
}

// `turn`: the head turn this scan asked for, named again when the head did not turn
function refused(error, turn) {
  const code = error.problem?.code;
  if (code === "head-not-turned" && turn) return { ...refusal(code), message: text(`head-not-turned.${turn}`) };
  // revoked or never paired: the screen changes to the pairing form (kiosk.js), which says which
  if (error.status === 401) return { success: false, name: "", message: "", unpaired: code ?? "kiosk-not-paired" };
  if (code === "poor-quality") return { ...refusal(code), message: qualityMessage(error.problem) };
  if (knownRefusal(code)) return refusal(code);
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
      return saved ? { success: true, name: "", message: text("refusal.saved-offline"), offline: true } : { ...refusal("unreachable"), offline: true };
    }
    if (error instanceof ServerRefused) return refused(error, turn);
    throw error;
  }
}

/** Records the punch a person chose (`kind`: in, out, break-start, break-end) with the ticket their scan's answer
 * offered; an Outcome like a scan's, a refusal saying why it cannot be recorded (Break end off a break). */
export async function recordPunch(ticket, kind) {
  try {
    return recognised(await (await postJson("/attendance/punch", { ticket, kind })).json());
  } catch (error) {
    // a punch that makes no sense now is said by its reason ("punch.impossible.not-on-break"); the buttons stay
    const problem = error instanceof ServerRefused ? error.problem : null;
    if (problem?.code === "punch-not-possible") {
      return { success: false, name: "", message: text(`punch.impossible.${problem.reasons?.[0] ?? "other"}`), code: problem.code };
    }
    if (error instanceof ServerRefused) return refused(error, null);
    return refusal("unreachable");
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
