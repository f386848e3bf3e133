// The kiosk's side of the HTTP contract: presign -> PUT the snapshot -> /attendance.
// Every way this can end becomes one Outcome { success, name, message } for the screen.
const requestTimeoutMs = 15000;

const unusablePhotoMessages = {
  "no-face": "No face found. Please look straight at the camera.",
  "multiple-faces": "More than one face. Please step up one at a time.",
  "poor-quality": "The picture was not clear enough. Please hold still and try again.",
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

class ServerUnreachable extends Error {}
class ServerRefused extends Error {
  constructor(status, problem) {
    super(problem?.detail ?? `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
  }
}

async function send(url, init) {
  let response;
  try {
    response = await fetch(url, { ...init, signal: AbortSignal.timeout(requestTimeoutMs) });
  } catch {
    throw new ServerUnreachable();
  }
  if (response.ok) return response;
  const problem = await response.json().catch(() => null);
  throw new ServerRefused(response.status, problem);
}

function postJson(url, body) {
  return send(url, {
    method: "POST",
    headers: { "Content-Type": "application/json", Accept: "application/json" },
    body: JSON.stringify(body),
  });
}

function timeOf(isoInstant) {
  return new Date(isoInstant).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit", hour12: false });
}

function recognised(result) {
  const name = result.person?.name ?? "";
  switch (result.status) {
    case "checked-in": return { success: true, name, message: `Checked in ${timeOf(result.recordedAt)}` };
    case "checked-out": return { success: true, name, message: `Checked out ${timeOf(result.recordedAt)}` };
    case "already-recorded": return { success: true, name, message: "Already recorded" };
    default: return { success: false, name: "", message: "Not recognised — please try again or see an administrator" };
  }
}

function qualityMessage(problem) {
  const reasons = problem?.reasons ?? problem?.issues ?? [];
  const advice = reasons.map((r) => qualityAdvice[String(r).replace(/[^a-z]/gi, "").toLowerCase()]).filter(Boolean);
  return advice.length > 0 ? `The picture was not clear enough. ${advice.join(" ")}` : unusablePhotoMessages["poor-quality"];
}

function refused(error) {
  const code = error.problem?.code;
  if (error.status === 422 && code === "poor-quality") return { success: false, name: "", message: qualityMessage(error.problem) };
  if (error.status === 422 && code in unusablePhotoMessages) {
    return { success: false, name: "", message: unusablePhotoMessages[code], noFace: code === "no-face" };
  }
  if (error.status === 429) return { success: false, name: "", message: "Too many scans just now. Please wait a moment and try again." };
  if (error.status >= 500) return { success: false, name: "", message: "The server had a problem. Please see an administrator." };
  return { success: false, name: "", message: "That did not work. Please try again." };
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

/** Uploads one JPEG snapshot and asks the server who it is. Never throws. */
export async function recordAttendance(jpeg) {
  try {
    const presigned = await (await postJson("/presign", { contentType: "image/jpeg" })).json();
    await send(presigned.uploadUrl, { method: presigned.method ?? "PUT", headers: presigned.headers ?? {}, body: jpeg });
    const decidedByEvent = document.getElementById("kiosk")?.dataset.decision === "s3-event";
    const result = decidedByEvent ? await decisionOf(presigned.key) : await (await postJson("/attendance", { key: presigned.key })).json();
    return recognised(result);
  } catch (error) {
    if (error instanceof ServerUnreachable) {
      return { success: false, name: "", message: "Cannot reach the server. Please check the network or see an administrator.", offline: true };
    }
    if (error instanceof ServerRefused) return refused(error);
    throw error;
  }
}
