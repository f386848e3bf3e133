// Webcam enrolment on the person page: each "Take photo" adds a JPEG to a hidden file input that is part of the
// enrolment form, so captured and chosen photos are posted together and judged one by one by the server. It guides
// to three photos with a slight turn of the head between them: several views make recognition surer.
import { CameraUnavailable, cameraDisconnectedMessage, snapshot, startCamera } from "./camera.js";

const start = document.getElementById("webcam-start");
const panel = document.getElementById("webcam");
const video = document.getElementById("webcam-video");
const take = document.getElementById("webcam-take");
const shots = document.getElementById("webcam-shots");
const count = document.getElementById("webcam-count");
const input = document.getElementById("webcam-photos");
const error = document.getElementById("webcam-error");
const captured = new DataTransfer();
const GUIDED_PHOTOS = 3;

async function startWebcam() {
  error.textContent = "";
  try {
    await startCamera(video, () => { error.textContent = cameraDisconnectedMessage; });
    panel.hidden = false;
    start.hidden = true;
    take.focus();
  } catch (e) {
    if (!(e instanceof CameraUnavailable)) throw e;
    error.textContent = `${e.message} You can upload photos instead.`;
  }
}

async function takePhoto() {
  // full resolution: enrolment judges the face's size and sharpness
  const blob = await snapshot(video, document.createElement("canvas"), Infinity);
  const number = captured.files.length + 1;
  captured.items.add(new File([blob], `webcam-${number}.jpg`, { type: "image/jpeg" }));
  input.files = captured.files;
  const thumbnail = document.createElement("img");
  thumbnail.src = URL.createObjectURL(blob);
  thumbnail.alt = `Webcam photo ${number}`;
  shots.append(thumbnail);
  count.textContent = number < GUIDED_PHOTOS
    ? `${number} of ${GUIDED_PHOTOS} taken. Turn your head slightly, then take the next.`
    : `${number} photo${number === 1 ? "" : "s"} taken. Press "Enrol photos".`;
}

start.addEventListener("click", startWebcam);
take.addEventListener("click", takePhoto);
if (!navigator.mediaDevices?.getUserMedia) start.hidden = true;
