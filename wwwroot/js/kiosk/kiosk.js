// Kiosk screen: camera preview, three ways to trigger a check (tap, Space/Enter, movement) and a large,
// photo-less outcome that is also spoken through the aria-live panel and an audible cue.
import { recordAttendance, refusal, sendKeptScans } from "./api.js";
import { CameraUnavailable, cameraDisconnectedMessage, snapshot, startCamera } from "../camera.js";
import { createMotionDetector } from "./motion.js";
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

let state = "starting";
let changedSinceCapture = false;
let lastCaptureAt = 0;
let resetTimer;

function show(newState, name, message) {
  state = newState;
  kiosk.dataset.state = newState;
  nameLine.textContent = name;
  messageLine.textContent = message;
}

function ready() {
  show("ready", "", readyMessage);
}

async function check(automatic) {
  if (state !== "ready") return;
  show("busy", "", "One moment…");
  lastCaptureAt = performance.now();
  changedSinceCapture = false;
  const outcome = await snapshot(video, canvas).then(recordAttendance, () => refusal("camera"));
  // An automatic capture of an empty scene (someone walked past) is not worth interrupting anyone for.
  if (automatic && outcome.noFace) return ready();
  show(outcome.success ? "success" : "failure", outcome.name, outcome.message);
  (outcome.success ? playSuccess : playFailure)();
  clearTimeout(resetTimer);
  resetTimer = setTimeout(ready, outcomeVisibleMs);
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
  clock.textContent = now.toLocaleString([], { weekday: "long", hour: "2-digit", minute: "2-digit", hour12: false });
}

document.getElementById("capture").addEventListener("click", onTrigger);
document.addEventListener("keydown", (event) => {
  if ((event.code === "Space" || event.key === "Enter") && !event.repeat && event.target === document.body) {
    event.preventDefault();
    onTrigger();
  }
});
// Scans kept while offline go out as soon as the connection is back, and are retried every so often in case the
// browser never noticed it was gone; the service worker keeps this page itself loading without the server.
const sendKeptEveryMs = 15000;
window.addEventListener("online", () => sendKeptScans());
setInterval(() => sendKeptScans(), sendKeptEveryMs);
sendKeptScans();
navigator.serviceWorker?.register("/kiosk-sw.js", { scope: "/" })
  .then(() => navigator.serviceWorker.ready)
  .then((registration) => registration.active?.postMessage({
    keep: [location.pathname, ...performance.getEntriesByType("resource").map((entry) => entry.name)],
  }))
  .catch(() => {});
document.addEventListener("visibilitychange", keepScreenOn);
keepScreenOn();
tickClock();
setInterval(tickClock, 1000);
watchForMovement();
openCamera();
