// Kiosk screen: camera preview, three ways to trigger a check (tap, Space/Enter, movement) and a large,
// photo-less outcome that is also spoken through the aria-live panel and an audible cue.
import { pinEntry, recordAttendance, recordByPin, recordPunch, refusal, sendKeptScans } from "./api.js";
import { checkIn, pair, pairingText, rememberedIdentity } from "./device.js";
import { keptCount } from "./offline-queue.js";
import { CameraUnavailable, snapshot, startCamera } from "../camera.js";
import { createMotionDetector } from "./motion.js";
import { createPinPanel } from "./pin.js";
import { playFailure, playSuccess, unlockAudio } from "./sound.js";
import { choosePunch, hidePunch } from "./punch.js";
import { language, text, useTimeZone, weekdayAndTime } from "./texts.js";

const outcomeVisibleMs = 4000;
// how long the punch buttons wait for a tap (the server's ticket lasts a minute); then the scan records nothing
const choiceVisibleMs = 15000;
const motionSampleMs = 500;
const minAutoCaptureGapMs = 3000;

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
const punchPanel = document.getElementById("punch");
const usePin = document.getElementById("use-pin");

let state = "starting";
let changedSinceCapture = false;
let lastCaptureAt = 0;
let resetTimer;

// "Use PIN" needs the camera (its snapshot) and must not open over a recognised person's punch buttons
const pinUnavailableIn = ["starting", "unpaired", "choosing"];

function show(newState, name, message) {
  state = newState;
  kiosk.dataset.state = newState;
  nameLine.textContent = name;
  messageLine.textContent = message;
  usePin.disabled = pinUnavailableIn.includes(newState);
}

function ready() {
  show("ready", "", text("ready"));
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
  if (turn) turnText.textContent = text(`turn.${turn}`);
}

async function check(automatic) {
  if (state !== "ready") return;
  show("busy", "", text("busy"));
  lastCaptureAt = performance.now();
  changedSinceCapture = false;
  const outcome = await recordAttendance(captureBurst).catch(() => refusal("camera"));
  if (state !== "busy") return; // the person chose "Use PIN" meanwhile
  if (outcome.unpaired) return showPairing(unpairedMessage(outcome));
  // An automatic capture of an empty scene (someone walked past) is not worth interrupting anyone for.
  if (automatic && outcome.noFace) return ready();
  answered(outcome);
}

// A recognised person's answer, by face or PIN: shown, or first the punches it offers.
function answered(outcome) {
  if (outcome.offer) return choose(outcome);
  finish(outcome);
}

function finish(outcome) {
  show(outcome.success ? "success" : "failure", outcome.name, outcome.message);
  (outcome.success ? playSuccess : playFailure)();
  showWaiting();
  clearTimeout(resetTimer);
  resetTimer = setTimeout(ready, outcomeVisibleMs);
}

// The scan's answer offered punches: the person taps one, which is recorded with the scan's ticket. A punch that makes
// no sense now is refused in words and the buttons stay; nobody tapping records nothing.
async function choose(outcome) {
  clearTimeout(resetTimer);
  show("choosing", outcome.name, outcome.message);
  playSuccess();
  for (;;) {
    const kind = await choosePunch(punchPanel, outcome.offer, choiceVisibleMs);
    if (!kind) {
      hidePunch(punchPanel);
      return ready();
    }
    const punched = await recordPunch(outcome.offer.ticket, kind);
    if (punched.code !== "punch-not-possible") {
      hidePunch(punchPanel);
      return finish(punched);
    }
    show("choosing", outcome.name, punched.message);
    playFailure();
  }
}

// "Use PIN": the panel stops the automatic captures while it is open; the snapshot is taken as the PIN is sent.
const pinPanel = createPinPanel({ onSubmit: punchByPin, onCancel: closePin });

function openPin() {
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
  show("busy", "", text("busy"));
  const outcome = await recordByPin(employeeId, pin, () => snapshot(video, canvas)).catch(() => refusal("camera"));
  if (outcome.unpaired) return showPairing(unpairedMessage(outcome));
  answered(outcome);
}

async function showPinWhenEnabled() {
  usePin.hidden = !(await pinEntry()).enabled;
}

async function openCamera() {
  show("starting", "", text("camera.starting"));
  try {
    await startCamera(video, () => show("camera-error", "", text("camera.disconnected")));
    ready();
  } catch (error) {
    if (!(error instanceof CameraUnavailable)) throw error;
    show("camera-error", "", text(`camera.${error.reason}`));
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
  clock.textContent = weekdayAndTime(now);
}

// While scans wait in the browser the kiosk says so, so nobody takes the quiet screen for a recorded check-in.
async function showWaiting() {
  const count = await keptCount().catch(() => 0);
  waiting.textContent = count === 0 ? "" : count === 1 ? text("offline.waiting-one") : text("offline.waiting-many", { count });
}

async function sendAndShowWaiting() {
  await sendKeptScans();
  await showWaiting();
}

// A revoked kiosk says so ("This kiosk was unpaired — ask an admin."); a browser never paired is told how to pair.
function unpairedMessage(status) {
  return pairingText(status.unpaired, "pairing.kiosk-not-paired");
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
  useTimeZone(identity.timeZone);
  window.addEventListener("online", sendAndShowWaiting);
  setInterval(sendAndShowWaiting, sendKeptEveryMs);
  sendAndShowWaiting();
  setInterval(async () => {
    const status = await checkIn();
    if (status.unpaired) showPairing(unpairedMessage(status));
    // an admin gave the kiosk another language: the page is rendered in it (the language of a kiosk without one is the
    // browser's, which the page was rendered in already)
    else if (status.identity?.language && status.identity.language !== language) location.reload();
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
  pairingMessage.textContent = text("pairing.replace-question", { name: identity.name, site: identity.site });
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
  return remembered ? run(remembered) : showPairing(text("pairing.cannot-check"));
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
