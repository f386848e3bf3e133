// Produces the reference folder of one photo: decoded pixels, every model input/output Human used, Human's
// decoded detections and final faces, and the aligned chip + fr_feature embedding of every face.
import path from 'node:path';
import { decodeJpeg } from './decode.mjs';
import { detectFaces, embedFace } from './pipeline.mjs';
import { TensorStore } from './tensor-store.mjs';

const round2 = (x) => Math.round(100 * x) / 100;

/**
 * Which detections became faces, by Human's own rule (facemesh.ts): the face flag rounded to 2 decimals must be
 * above minConfidence. Checked against Human's face count below, so a change in Human's rule cannot go unnoticed.
 */
function acceptedDetections(meshCalls, minConfidence) {
  return meshCalls
    .map((call, k) => ({ k, flag: round2(call.outputs.find((o) => o.name === 'output_faceflag').data[0]) }))
    .filter(({ flag }) => flag > minConfidence)
    .map(({ k }) => k);
}

function storeCall(store, prefix, call, inputMeaning, outputMeaning) {
  store.add(`${prefix}_input`, call.input.shape, call.input.data, inputMeaning);
  for (const output of call.outputs) store.add(`${prefix}_${output.name}`, output.shape, output.data, `${outputMeaning}: output "${output.name}"`);
}

export async function writeReference({ runtime, capture, facesDir, source, outDir, config }) {
  const name = path.basename(source).replace(/\.[^.]+$/, '');
  const store = new TensorStore(path.join(outDir, name));
  const image = decodeJpeg(path.join(facesDir, source));
  store.add('image', [image.height, image.width, 3], image.data, 'decoded photo (jpeg-js), RGB 0..255, the tensor handed to Human.detect');

  capture.start();
  const faces = await detectFaces(runtime, image);
  const recording = capture.stop();
  const calls = (model) => recording.calls.filter((c) => c.model === model);
  const blazefaceCalls = calls('blazeface');
  if (blazefaceCalls.length !== 1 || recording.nms.length !== 1) throw new Error(`${source}: expected one BlazeFace call and one NMS`);
  const [blazeface] = blazefaceCalls;
  const [nms] = recording.nms;
  storeCall(store, 'blazeface', blazeface, 'BlazeFace input: image resized bilinear to 256x256, /127.5 - 1', 'BlazeFace raw output');
  store.add('detector_boxes', nms.boxes.shape, nms.boxes.data, 'Human decodeBoxes(): [x1, y1, x2, y2] per anchor in 256x256 input pixels (anchor order: 512 then 384 rows, as Human concatenates)');
  store.add('detector_scores', nms.scores.shape, nms.scores.data, 'sigmoid of the anchor logits, per anchor');

  const meshCalls = calls('facemesh');
  if (nms.selected.length !== recording.crops.length) throw new Error(`${source}: ${nms.selected.length} NMS picks for ${recording.crops.length} crops`);
  if (meshCalls.length !== recording.crops.length) throw new Error(`${source}: ${meshCalls.length} mesh calls for ${recording.crops.length} crops`);
  const detections = meshCalls.map((call, k) => {
    storeCall(store, `facemesh_det${k}`, call, `FaceMesh input of detection ${k}: crop of the enlarged squared box, 192x192 bilinear, /255`, `FaceMesh raw output of detection ${k}`);
    const [y1, x1, y2, x2] = recording.crops[k].boxes[0];
    const [, height, width] = recording.crops[k].imageShape;
    return {
      anchorIndex: nms.selected[k],
      score: nms.scores.data[nms.selected[k]],
      cropBoxNormalized: [y1, x1, y2, x2],
      cropBoxPixels: { x1: x1 * width, y1: y1 * height, x2: x2 * width, y2: y2 * height },
      faceFlag: call.outputs.find((o) => o.name === 'output_faceflag').data[0],
    };
  });

  const accepted = acceptedDetections(meshCalls, config.face.detector.minConfidence);
  const antispoofCalls = calls('antispoof');
  const livenessCalls = calls('liveness');
  if (accepted.length !== faces.length || antispoofCalls.length !== faces.length || livenessCalls.length !== faces.length) {
    throw new Error(`${source}: ${faces.length} faces, ${accepted.length} accepted detections, ${antispoofCalls.length}/${livenessCalls.length} antispoof/liveness calls`);
  }

  const faceFields = [];
  for (let i = 0; i < faces.length; i++) {
    const face = faces[i];
    store.add(`mesh_face${i}`, [face.mesh.length, 3], face.mesh.flat(), `Human face.mesh of face ${i}: 468 x [x, y, z] in image pixels (Human truncates to integers)`);
    storeCall(store, `antispoof_face${i}`, antispoofCalls[i], `antispoof input of face ${i}: the 192x192 mesh crop (0..1) resized bilinear to 128x128`, `antispoof output of face ${i}`);
    storeCall(store, `liveness_face${i}`, livenessCalls[i], `liveness input of face ${i}: the 192x192 mesh crop (0..1) resized bilinear to 32x32`, `liveness output of face ${i}`);
    const { crop, matrix, embedding } = await embedFace(runtime, image, face.mesh);
    store.add(`aligned_face${i}`, [112, 112, 3], crop, `align.mjs ArcFace chip of face ${i}: RGB 0..255 float (HWC)`);
    store.add(`embedding_face${i}`, [512], embedding, `fr_feature.onnx raw output for aligned_face${i} (BGR, (p - 127) / 128), not L2-normalised`);
    faceFields.push({
      index: i,
      detection: accepted[i],
      box: face.box,
      boxRaw: face.boxRaw,
      size: face.size,
      score: face.score,
      boxScore: face.boxScore,
      faceScore: face.faceScore,
      real: face.real ?? 0,
      live: face.live ?? 0,
      rotation: face.rotation ?? null,
      alignMatrix: matrix,
      annotations: face.annotations,
    });
  }

  return store.finish({
    source,
    imageWidth: image.width,
    imageHeight: image.height,
    versions: runtime.versions,
    humanConfig: config,
    nms: { selected: nms.selected, maxOutputSize: nms.maxOutputSize, iouThreshold: nms.iouThreshold, scoreThreshold: nms.scoreThreshold },
    detections,
    faces: faceFields,
  });
}
