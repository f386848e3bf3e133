// Kiosk screen: camera preview, three ways to trigger a check (tap, Space/Enter, movement) and a large,
// photo-less outcome that is also spoken through the aria-live panel and an audible cue.
import { pinEntry, recordAttendance, recordByPin, refusal, sendKeptScans, useTimeZone } from "./api.js";
import { checkIn, pair, rememberedIdentity } from "./device.js";
import { keptCount } from "./offline-queue.js";
import { CameraUnavailable, cameraDisconnectedMessage, snapshot, startCamera } from "../camera.js";
import { createMotionDetector } from "./motion.js";
import { createPinPanel } from "./pin.js";
import { playFailure, playSuccess, unlockAudio } from "./sound.js";

const outcomeVisibleMs = 4000;
const motionSampleMs = 500;
const minAutoCaptureGapMs = 3000;
const readyMessage = "Look at the camera";

const kiosk = document.getElementById("kiosk");
const video = document.getElementById("camera");
const canvas = document.getElementById("snapshot");
const nameLine = document.getElementById("outcome-name");
const messageLine = document.getElementById("outcome-message");
const clock = document.getElementById("clock");
const kioskLabel = document.getElementById("kiosk-label");
const pairing = document.getElementById("pairing");
const pairingMessage = document.getElementById("pairing-message");
const pairingForm = document.getElementById("pairing-form");
const pairingError = document.getElementById("pairing-error");
const replace = document.getElementById("replace");
const waiting = document.getElementById("waiting");
const turnPrompt = document.getElementById("turn");
const turnText = document.getElementById("turn-text");
const usePin = document.getElementById("use-pin");
const notPairedMessage = "This browser is not a kiosk yet. Enter the pairing code from Admin › Kiosks, or open its QR code on this device.";

let state = "starting";
let changedSinceCapture = false;
let lastCaptureAt = 0;
let resetTimer;
let timeZone;

function show(newState, name, message) {
  state = newState;
  kiosk.dataset.state = newState;
  nameLine.textContent = name;
  messageLine.textContent = message;
}

function ready() {
  show("ready", "", readyMessage);
}

const delay = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// A burst: frames a moment apart, so a blink or a blur is in one of them, not all. When the server asks for a head turn,
// the first frame is taken facing the camera, then the arrow shows and the rest follow as the head turns.
const burstGapMs = 150;
const turnGapMs = 500;

async function captureBurst(turn, count) {
  const frames = [await snapshot(video, canvas)];
  if (turn) showTurn(turn);
  try {
    for (let i = 1; i < count; i++) {
      await delay(turn ? turnGapMs : burstGapMs);
      frames.push(await snapshot(video, canvas));
    }
  } finally {
    showTurn(null);
  }
  return frames;
}

// The preview is mirrored, so a head turned to the person's own left moves to the screen's left: the arrow points there.
function showTurn(turn) {
  turnPrompt.hidden = !turn;
  kiosk.dataset.turn = turn ?? "";
  if (turn) turnText.textContent = `Turn your head to your ${turn}`;
}

async function check(automatic) {
  if (state !== "ready") return;
  show("busy", "", "One moment…");
  lastCaptureAt = performance.now();
  changedSinceCapture = false;
  const outcome = await recordAttendance(captureBurst).catch(() => refusal("camera"));
  if (state !== "busy") return; // the person chose "Use PIN" meanwhile
  if (outcome.unpaired) return showPairing(unpairedMessage(outcome));
  // An automatic capture of an empty scene (someone walked past) is not worth interrupting anyone for.
  if (automatic && outcome.noFace) return ready();
  showOutcome(outcome);
}

function showOutcome(outcome) {
  show(outcome.success ? "success" : "failure", outcome.name, outcome.message);
  (outcome.success ? playSuccess : playFailure)();
  showWaiting();
  clearTimeout(resetTimer);
  resetTimer = setTimeout(ready, outcomeVisibleMs);
}

// "Use PIN": the panel stops the automatic captures while it is open; the snapshot is taken as the PIN is sent.
const pinPanel = createPinPanel({ onSubmit: punchByPin, onCancel: closePin });

function openPin() {
  if (state === "unpaired" || state === "starting") return;
  clearTimeout(resetTimer);
  show("pin", "", "");
  pinPanel.open();
}

function closePin() {
  pinPanel.close();
  ready();
  usePin.focus();
}

async function punchByPin(employeeId, pin) {
  pinPanel.close();
  show("busy", "", "One moment…");
  const outcome = await recordByPin(employeeId, pin, () => snapshot(video, canvas)).catch(() => refusal("camera"));
  if (outcome.unpaired) return showPairing(unpairedMessage(outcome));
  showOutcome(outcome);
}

async function showPinWhenEnabled() {
  usePin.hidden = !(await pinEntry()).enabled;
}

async function openCamera() {
  show("starting", "", "Starting the camera…");
  try {
    await startCamera(video, () => show("camera-error", "", cameraDisconnectedMessage));
    ready();
  } catch (error) {
    if (!(error instanceof CameraUnavailable)) throw error;
    show("camera-error", "", error.message);
  }
}

function onTrigger() {
  unlockAudio();
  if (state === "camera-error") openCamera();
  else check(false);
}

function watchForMovement() {
  const hasChanged = createMotionDetector(video);
  setInterval(() => {
    if (hasChanged()) changedSinceCapture = true;
    if (changedSinceCapture && performance.now() - lastCaptureAt >= minAutoCaptureGapMs) check(true);
  }, motionSampleMs);
}

// A wall-mounted tablet must not dim and lock between visitors; the lock is dropped whenever the tab is hidden.
function keepScreenOn() {
  if (document.visibilityState === "visible") navigator.wakeLock?.request("screen").catch(() => {});
}

function tickClock() {
  const now = new Date();
  clock.dateTime = now.toISOString();
  clock.textContent = now.toLocaleString([], { weekday: "long", hour: "2-digit", minute: "2-digit", hour12: false, timeZone });
}

// While scans wait in the browser the kiosk says so, so nobody takes the quiet screen for a recorded check-in.
async function showWaiting() {
  const count = await keptCount().catch(() => 0);
  waiting.textContent = count === 0 ? "" : `Offline · ${count} scan${count === 1 ? "" : "s"} waiting to be sent`;
}

async function sendAndShowWaiting() {
  await sendKeptScans();
  await showWaiting();
}

// A revoked kiosk says so ("This kiosk was unpaired — ask an admin."); a browser never paired is told how to pair.
function unpairedMessage(status) {
  return status.unpaired === "kiosk-unpaired" && status.message ? status.message : notPairedMessage;
}

// Not paired, or unpaired by an admin: no camera, no scans; the pairing form instead.
function showPairing(message) {
  video.srcObject?.getTracks().forEach((track) => track.stop());
  show("unpaired", "", "");
  pairingMessage.textContent = message;
  pairing.hidden = false;
  document.getElementById("pairing-code").focus();
}

pairingForm.addEventListener("submit", async (event) => {
  event.preventDefault();
  pairingError.textContent = "";
  const result = await pair(new FormData(pairingForm).get("code"));
  if (result.error) pairingError.textContent = result.error;
  else location.replace("/");
});

// The kiosk at work: its name and time zone, the camera, kept scans going out, and a check-in every so often so the
// server knows when it was online (and finds out at once when an admin unpaired it).
function run(identity) {
  pairing.hidden = true;
  kioskLabel.textContent = `${identity.name} · ${identity.site}`;
  try {
    new Date().toLocaleString([], { timeZone: identity.timeZone });
    timeZone = identity.timeZone;
    useTimeZone(timeZone);
  } catch {
    timeZone = undefined; // a zone this browser does not know: its own
  }
  window.addEventListener("online", sendAndShowWaiting);
  setInterval(sendAndShowWaiting, sendKeptEveryMs);
  sendAndShowWaiting();
  setInterval(async () => {
    const status = await checkIn();
    if (status.unpaired) showPairing(unpairedMessage(status));
    else showPinWhenEnabled();
  }, Math.max(identity.checkInSeconds, 10) * 1000);
  showPinWhenEnabled();
  document.addEventListener("visibilitychange", keepScreenOn);
  keepScreenOn();
  tickClock();
  setInterval(tickClock, 1000);
  watchForMovement();
  openCamera();
}

// A pairing link opened in a browser that is a kiosk already would silently make it another kiosk: it asks first.
function confirmReplace(identity) {
  show("unpaired", "", "");
  pairing.hidden = false;
  pairingForm.hidden = true;
  replace.hidden = false;
  pairingMessage.textContent = `This browser is already the kiosk “${identity.name}” (${identity.site}). Pair it as the new kiosk instead? “${identity.name}” will stop working here.`;
  return new Promise((resolve) => {
    const answer = (yes) => () => {
      replace.hidden = true;
      pairingForm.hidden = false;
      resolve(yes);
    };
    document.getElementById("replace-yes").onclick = answer(true);
    document.getElementById("replace-no").onclick = answer(false);
    document.getElementById("replace-no").focus();
  });
}

async function start() {
  const code = new URLSearchParams(location.search).get("pair");
  if (code) {
    // the QR code of Admin › Kiosks opens /?pair=CODE: pair, and keep the used code out of the address bar
    history.replaceState(null, "", location.pathname);
    const current = await checkIn();
    if (current.identity && !(await confirmReplace(current.identity))) return run(current.identity);
    const result = await pair(code);
    return result.error ? showPairing(result.error) : run(result.identity);
  }
  const status = await checkIn();
  if (status.identity) return run(status.identity);
  if (status.unpaired) return showPairing(unpairedMessage(status));
  // the server is out of reach: a kiosk paired before keeps scanning (and keeping scans) offline
  const remembered = rememberedIdentity();
  return remembered ? run(remembered) : showPairing("Cannot reach the server to check this kiosk. Check the network and reload.");
}

document.getElementById("capture").addEventListener("click", onTrigger);
usePin.addEventListener("click", openPin);
document.addEventListener("keydown", (event) => {
  if ((event.code === "Space" || event.key === "Enter") && !event.repeat && event.target === document.body) {
    event.preventDefault();
    onTrigger();
  }
});
// Scans kept while offline go out as soon as the connection is back, and are retried every so often in case the
// browser never noticed it was gone; the service worker keeps this page itself loading without the server.
const sendKeptEveryMs = 15000;
navigator.serviceWorker?.register("/kiosk-sw.js", { scope: "/" })
  .then(() => navigator.serviceWorker.ready)
  .then((registration) => registration.active?.postMessage({
    keep: [location.pathname, ...performance.getEntriesByType("resource").map((entry) => entry.name)],
  }))
  .catch(() => {});
start();
