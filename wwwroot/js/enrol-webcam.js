// Webcam enrolment on the person page: each "Take photo" adds a JPEG to a hidden file input that is part of the
// enrolment form, so captured and chosen photos are posted together and judged one by one by the server.
const start = document.getElementById("webcam-start");
const panel = document.getElementById("webcam");
const video = document.getElementById("webcam-video");
const take = document.getElementById("webcam-take");
const shots = document.getElementById("webcam-shots");
const count = document.getElementById("webcam-count");
const input = document.getElementById("webcam-photos");
const error = document.getElementById("webcam-error");
const captured = new DataTransfer();

async function startWebcam() {
  try {
    video.srcObject = await navigator.mediaDevices.getUserMedia({ video: { facingMode: "user" }, audio: false });
    panel.hidden = false;
    start.hidden = true;
    take.focus();
  } catch (e) {
    error.textContent = e?.name === "NotAllowedError"
      ? "Camera permission was denied; allow it in the browser settings or upload photos instead."
      : "No usable camera was found; upload photos instead.";
  }
}

function takePhoto() {
  const canvas = document.createElement("canvas");
  canvas.width = video.videoWidth;
  canvas.height = video.videoHeight;
  canvas.getContext("2d").drawImage(video, 0, 0);
  canvas.toBlob((blob) => {
    const number = captured.files.length + 1;
    captured.items.add(new File([blob], `webcam-${number}.jpg`, { type: "image/jpeg" }));
    input.files = captured.files;
    const thumbnail = document.createElement("img");
    thumbnail.src = URL.createObjectURL(blob);
    thumbnail.alt = `Webcam photo ${number}`;
    shots.append(thumbnail);
    count.textContent = `${number} photo${number === 1 ? "" : "s"} taken`;
  }, "image/jpeg", 0.92);
}

start.addEventListener("click", startWebcam);
take.addEventListener("click", takePhoto);
if (!navigator.mediaDevices?.getUserMedia) start.hidden = true;
