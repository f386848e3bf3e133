// The JavaScript reference pipeline, shared by reference.mjs and bench.mjs: Human finds faces and their mesh
// (and scores antispoof/liveness), align.mjs cuts the 150x150 chip, face-api's faceRecognitionNet embeds it.
import { alignFace, mirrorChip } from './align.mjs';
import { imageTensor } from './decode.mjs';

/** Runs Human on decoded RGB pixels; returns Human's face results (sorted as Human returns them). */
export async function detectFaces(runtime, image) {
  const input = imageTensor(runtime.tf, image);
  try {
    const result = await runtime.human.detect(input);
    if (result.error) throw new Error(`Human failed: ${result.error}`);
    return result.face;
  } finally {
    input.dispose();
  }
}

/**
 * Aligns one face by its Human mesh and returns the chip, its chip-to-image matrix and the descriptor: face-api's
 * raw 128-d output for the chip plus that for its mirror image (align.mjs recipe).
 */
export async function embedFace(runtime, image, mesh) {
  const { crop, matrix } = alignFace(image, mesh);
  const embedding = new Float32Array(128);
  const descriptors = [];
  for (const view of [crop, mirrorChip(crop)]) {
    const chip = runtime.tf.tensor3d(view, [150, 150, 3], 'float32');
    try {
      const descriptor = Float32Array.from(await runtime.faceapi.nets.faceRecognitionNet.computeFaceDescriptor(chip));
      for (let i = 0; i < 128; i++) embedding[i] += descriptor[i];
      descriptors.push(descriptor);
    } finally {
      chip.dispose();
    }
  }
  // The single-view outputs go into the references too: they check the converted recogniser on its own.
  return { crop, matrix, embedding, descriptors };
}
