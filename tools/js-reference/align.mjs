// Face alignment recipe shared with the C# FaceAligner (FaceAttendance.Vision/Recognition/FaceAligner.cs):
// both must produce the same 150x150 crop, so change them together (and bump FaceAligner's PreprocessingVersion).
// The descriptor is the sum of the recogniser's raw outputs for the chip and for its mirror image (mirrorChip):
// on ../shared/faces/dev this lifts 1:N rank-1 from 83 % to 88 % at the same open-set false accepts.
//
// face-api's recogniser is dlib's ResNet face descriptor, trained on dlib "face chips":
// get_face_chip_details(shape, 150, 0.25) + extract_image_chip. We rebuild that chip from Human's 468-point mesh:
// the mesh points that correspond to dlib's 68-point landmarks are mapped with a least-squares similarity
// transform (rotation + uniform scale + translation, never a reflection) onto dlib's mean face template, and the
// image is sampled bilinearly, pixel centres at integer coordinates, black outside the image (as dlib does).

export const CHIP_SIZE = 150;
export const CHIP_PADDING = 0.25;

// dlib's mean face shape (landmarks 27..35 nose, 36..47 eyes, 48..54 outer mouth, 60..64 inner mouth: the points
// get_face_chip_details uses; it skips jaw, eyebrows and lower lip) in 0..1 template units, paired with the
// MediaPipe face-mesh index of the same anatomical point. Template values are dlib's published constants.
export const TEMPLATE = [
  // nose bridge 27..30 and nose base 31..35
  [168, 0.490127, 0.203352], [197, 0.490127, 0.307009], [5, 0.490127, 0.409805], [4, 0.490127, 0.515625],
  [98, 0.36688, 0.587326], [97, 0.426036, 0.609345], [2, 0.490127, 0.628106], [326, 0.554217, 0.609345],
  [327, 0.613373, 0.587326],
  // eye on the image's left 36..41 (outer corner, upper lid, inner corner, lower lid)
  [33, 0.121737, 0.216423], [160, 0.187122, 0.178758], [158, 0.265825, 0.179852], [133, 0.334606, 0.231733],
  [153, 0.260918, 0.245099], [144, 0.182743, 0.244077],
  // eye on the image's right 42..47 (inner corner, upper lid, outer corner, lower lid)
  [362, 0.645647, 0.231733], [385, 0.714428, 0.179852], [387, 0.793132, 0.178758], [263, 0.858516, 0.216423],
  [373, 0.79751, 0.244077], [380, 0.719335, 0.245099],
  // outer upper lip 48..54 (left corner to right corner)
  [61, 0.254149, 0.780233], [39, 0.340985, 0.745405], [37, 0.428858, 0.727388], [0, 0.490127, 0.742578],
  [267, 0.551395, 0.727388], [269, 0.639268, 0.745405], [291, 0.726104, 0.780233],
  // inner mouth 60..64
  [78, 0.290379, 0.784792], [82, 0.428096, 0.778746], [13, 0.490127, 0.785343], [312, 0.552157, 0.778746],
  [308, 0.689874, 0.784792],
];

// Least-squares similarity from chip pixels to image pixels: [a, -b, tx, b, a, ty] so that
// imageX = a*x - b*y + tx and imageY = b*x + a*y + ty for chip pixel (x, y).
export function chipToImageMatrix(mesh) {
  const point = (i) => (Array.isArray(mesh[i]) ? mesh[i] : [mesh[3 * i], mesh[3 * i + 1]]);
  const n = TEMPLATE.length;
  let sx = 0, sy = 0, dx = 0, dy = 0;
  const src = [], dst = [];
  for (const [index, tx, ty] of TEMPLATE) {
    const s = [((CHIP_PADDING + tx) / (1 + 2 * CHIP_PADDING)) * CHIP_SIZE, ((CHIP_PADDING + ty) / (1 + 2 * CHIP_PADDING)) * CHIP_SIZE];
    const d = point(index);
    src.push(s); dst.push([d[0], d[1]]);
    sx += s[0]; sy += s[1]; dx += d[0]; dy += d[1];
  }
  sx /= n; sy /= n; dx /= n; dy /= n;
  let dot = 0, cross = 0, norm = 0;
  for (let i = 0; i < n; i++) {
    const ux = src[i][0] - sx, uy = src[i][1] - sy, vx = dst[i][0] - dx, vy = dst[i][1] - dy;
    dot += ux * vx + uy * vy;
    cross += ux * vy - uy * vx;
    norm += ux * ux + uy * uy;
  }
  const a = dot / norm, b = cross / norm;
  return [a, -b, dx - (a * sx - b * sy), b, a, dy - (b * sx + a * sy)];
}

// Shrinking a large face by point sampling would alias (sensor noise and fine texture fold into the chip), so when
// one chip pixel covers 1.5 or more image pixels it averages k x k bilinear samples spread over it, k = scale rounded
// (at most MAX_SUBSAMPLES): dlib builds its chips from an image pyramid for the same reason.
export const MAX_SUBSAMPLES = 8;

// image: {data, width, height} with 3 (RGB) or 4 (RGBA) bytes per pixel; mesh: Human's face.mesh
// ([x, y, z] per point, image pixels) or the same flattened.
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

// The chip flipped left-right (same layout), the second view whose descriptor is added to the chip's.
export function mirrorChip(crop) {
  const mirrored = new Float32Array(crop.length);
  for (let y = 0; y < CHIP_SIZE; y++) {
    for (let x = 0; x < CHIP_SIZE; x++) {
      for (let c = 0; c < 3; c++) mirrored[(y * CHIP_SIZE + x) * 3 + c] = crop[(y * CHIP_SIZE + CHIP_SIZE - 1 - x) * 3 + c];
    }
  }
  return mirrored;
}
