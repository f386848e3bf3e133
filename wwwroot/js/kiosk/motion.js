// Cheap change detector: the video is drawn onto a tiny greyscale canvas and compared with the previous
// sample. It only decides *when* to send a snapshot; the server does the real face work.
const sampleWidth = 32;
const sampleHeight = 24;
// Mean absolute luminance difference (0..255) above which we call it "someone moved".
const changeThreshold = 6;

export function createMotionDetector(video) {
  const canvas = document.createElement("canvas");
  canvas.width = sampleWidth;
  canvas.height = sampleHeight;
  const context = canvas.getContext("2d", { willReadFrequently: true });
  let previous = null;

  /** Returns true when the picture differs noticeably from the last call (or on the first frame). */
  return function hasChanged() {
    if (video.readyState < HTMLMediaElement.HAVE_CURRENT_DATA) return false;
    context.drawImage(video, 0, 0, sampleWidth, sampleHeight);
    const rgba = context.getImageData(0, 0, sampleWidth, sampleHeight).data;
    const current = new Uint8Array(sampleWidth * sampleHeight);
    for (let i = 0; i < current.length; i++) {
      current[i] = (rgba[i * 4] * 77 + rgba[i * 4 + 1] * 150 + rgba[i * 4 + 2] * 29) >> 8;
    }
    const before = previous;
    previous = current;
    if (before === null) return true;
    let total = 0;
    for (let i = 0; i < current.length; i++) total += Math.abs(current[i] - before[i]);
    return total / current.length > changeThreshold;
  };
}
