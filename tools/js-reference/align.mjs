// Face alignment recipe shared with the C# FaceAligner (FaceAttendance.Vision/Recognition/FaceAligner.cs):
// both must produce the same 112x112 chip, so change them together (and bump FaceAligner's PreprocessingVersion).
//
// faceplugin's fr_feature.onnx is a MobileFaceNet trained on ArcFace-aligned 112x112 crops. Five points come from
// Human's 468-point mesh: each eye's centre as the mean of its 16 contour points, the nose tip (mesh 1) and the
// mouth corners (mesh 61 and 291). A least-squares similarity (Umeyama: rotation + uniform scale + translation,
// never a reflection) takes them onto insightface's template, and the chip is sampled bilinearly through its
// inverse, pixel centres at integer coordinates, black outside the image (as cv2.warpAffine's default border).

export const CHIP_SIZE = 112;

// insightface arcface_dst, image order: eye on the image's left, other eye, nose tip, mouth corner on the left, other
export const TEMPLATE = [[38.2946, 51.6963], [73.5318, 51.5014], [56.0252, 71.7366], [41.5493, 92.3655], [70.7299, 92.2041]];

// Human's meshAnnotations eye contours (upper0 + lower0); "left"/"right" are the subject's own.
const LEFT_EYE = [466, 388, 387, 386, 385, 384, 398, 263, 249, 390, 373, 374, 380, 381, 382, 362];
const RIGHT_EYE = [246, 161, 160, 159, 158, 157, 173, 33, 7, 163, 144, 145, 153, 154, 155, 133];

// The five points in template order (the subject's right eye is on the image's left).
export function fivePoints(mesh) {
  const point = (i) => (Array.isArray(mesh[i]) ? mesh[i] : [mesh[3 * i], mesh[3 * i + 1]]);
  const mean = (indices) => {
    let x = 0, y = 0;
    for (const i of indices) { x += point(i)[0]; y += point(i)[1]; }
    return [x / indices.length, y / indices.length];
  };
  return [mean(RIGHT_EYE), mean(LEFT_EYE), point(1), point(61), point(291)];
}

// Chip pixel -> image pixel: [m0, m1, m2, m3, m4, m5] with imageX = m0*x + m1*y + m2, imageY = m3*x + m4*y + m5.
export function chipToImageMatrix(mesh) {
  const points = fivePoints(mesh);
  const n = points.length;
  let sx = 0, sy = 0, dx = 0, dy = 0;
  for (let i = 0; i < n; i++) {
    sx += points[i][0]; sy += points[i][1]; dx += TEMPLATE[i][0]; dy += TEMPLATE[i][1];
  }
  sx /= n; sy /= n; dx /= n; dy /= n;
  let dot = 0, cross = 0, norm = 0;
  for (let i = 0; i < n; i++) {
    const ux = points[i][0] - sx, uy = points[i][1] - sy, vx = TEMPLATE[i][0] - dx, vy = TEMPLATE[i][1] - dy;
    dot += ux * vx + uy * vy;
    cross += ux * vy - uy * vx;
    norm += ux * ux + uy * uy;
  }
  // image -> chip is [a -b; b a](p - image mean) + template mean; the chip needs its inverse
  const a = dot / norm, b = cross / norm, scale = a * a + b * b;
  const ia = a / scale, ib = -b / scale;
  return [ia, -ib, sx - (ia * dx - ib * dy), ib, ia, sy - (ib * dx + ia * dy)];
}

// Shrinking a large face by point sampling would alias, so when one chip pixel covers 1.5 or more image pixels it
// averages k x k bilinear samples spread over it, k = scale rounded (at most MAX_SUBSAMPLES).
export const MAX_SUBSAMPLES = 8;

// image: {data, width, height} with 3 (RGB) or 4 (RGBA) bytes per pixel; mesh: Human's face.mesh
// ([x, y, z] per point, image pixels) or the same flattened. Returns the RGB 0..255 float chip (HWC).
export function alignFace(image, mesh) {
  const { data, width, height } = image;
  const channels = data.length / (width * height);
  const matrix = chipToImageMatrix(mesh);
  const [m0, m1, m2, m3, m4, m5] = matrix;
  const k = Math.max(1, Math.min(MAX_SUBSAMPLES, Math.floor(Math.sqrt(m0 * m0 + m3 * m3) + 0.5)));
  const crop = new Float32Array(CHIP_SIZE * CHIP_SIZE * 3);
  const sample = (x, y, c) => (x < 0 || y < 0 || x >= width || y >= height ? 0 : data[(y * width + x) * channels + c]);
  const sum = [0, 0, 0];
  for (let y = 0; y < CHIP_SIZE; y++) {
    for (let x = 0; x < CHIP_SIZE; x++) {
      sum.fill(0);
      for (let j = 0; j < k; j++) {
        for (let i = 0; i < k; i++) {
          const sx = x + (i + 0.5) / k - 0.5, sy = y + (j + 0.5) / k - 0.5;
          const ix = m0 * sx + m1 * sy + m2, iy = m3 * sx + m4 * sy + m5;
          const x0 = Math.floor(ix), y0 = Math.floor(iy);
          const fx = ix - x0, fy = iy - y0;
          for (let c = 0; c < 3; c++) {
            const top = sample(x0, y0, c) * (1 - fx) + sample(x0 + 1, y0, c) * fx;
            const bottom = sample(x0, y0 + 1, c) * (1 - fx) + sample(x0 + 1, y0 + 1, c) * fx;
            sum[c] += top * (1 - fy) + bottom * fy;
          }
        }
      }
      const out = (y * CHIP_SIZE + x) * 3;
      for (let c = 0; c < 3; c++) crop[out + c] = sum[c] / (k * k);
    }
  }
  return { crop, matrix };
}

// The recogniser's input: planar BGR (the network was trained on OpenCV-loaded images), (p - 127) / 128, NCHW.
export function recogniserInput(crop) {
  const plane = CHIP_SIZE * CHIP_SIZE;
  const input = new Float32Array(3 * plane);
  for (let p = 0; p < plane; p++) {
    input[p] = (crop[3 * p + 2] - 127) / 128;
    input[plane + p] = (crop[3 * p + 1] - 127) / 128;
    input[2 * plane + p] = (crop[3 * p] - 127) / 128;
  }
  return input;
}
