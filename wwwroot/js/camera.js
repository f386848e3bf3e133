// Opens the front camera (kiosk and webcam enrolment) and turns the browser's error names into sentences people can act on.
// The sentences here are English (the admin's webcam enrolment); the kiosk says `reason` in its own language.
export class CameraUnavailable extends Error {
  constructor(reason) {
    super(messages[reason]);
    this.reason = reason;
  }
}

const messages = {
  insecure: "The camera needs a secure connection. Open this page over https (or on localhost).",
  denied: "Camera permission was denied. Allow camera access for this site in the browser settings, then reload the page.",
  missing: "No camera found. Connect a camera, then reload the page.",
  busy: "The camera is in use by another application or could not start. Close it, then tap to try again.",
  failed: "The camera could not be started. Tap to try again or see an administrator.",
};

function reasonFor(error) {
  switch (error?.name) {
    case "NotAllowedError":
    case "SecurityError":
      return "denied";
    case "NotFoundError":
    case "OverconstrainedError":
      return "missing";
    case "NotReadableError":
    case "AbortError":
      return "busy";
    default:
      return "failed";
  }
}

/** Starts the preview in `video`; rejects with CameraUnavailable carrying a readable message and its reason. */
export async function startCamera(video, onEnded) {
  if (!window.isSecureContext || !navigator.mediaDevices?.getUserMedia) throw new CameraUnavailable("insecure");
  let stream;
  try {
    stream = await navigator.mediaDevices.getUserMedia({
      audio: false,
      video: { facingMode: "user", width: { ideal: 1280 }, height: { ideal: 720 } },
    });
  } catch (error) {
    throw new CameraUnavailable(reasonFor(error));
  }
  for (const track of stream.getVideoTracks()) track.addEventListener("ended", onEnded, { once: true });
  video.srcObject = stream;
  await video.play();
}

export const cameraDisconnectedMessage = "The camera was disconnected. Reconnect it, then tap to try again.";

/** Encodes the current frame as JPEG, scaled so the longer side is at most `maxSide` pixels. */
export function snapshot(video, canvas, maxSide = 640) {
  const scale = Math.min(1, maxSide / Math.max(video.videoWidth, video.videoHeight));
  canvas.width = Math.round(video.videoWidth * scale);
  canvas.height = Math.round(video.videoHeight * scale);
  canvas.getContext("2d").drawImage(video, 0, 0, canvas.width, canvas.height);
  return new Promise((resolve, reject) =>
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error("JPEG encoding failed"))), "image/jpeg", 0.9));
}
