// The JavaScript reference pipeline, shared by reference.mjs and bench.mjs: Human finds faces and their mesh
// (and scores antispoof/liveness), align.mjs cuts the 112x112 ArcFace chip, onnxruntime-web runs fr_feature.onnx on it.
import { alignFace, recogniserInput, CHIP_SIZE } from './align.mjs';
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

/** Aligns one face by its Human mesh; returns the chip, its chip-to-image matrix and the raw 512-d descriptor. */
export async function embedFace(runtime, image, mesh) {
  const { crop, matrix } = alignFace(image, mesh);
  const input = new runtime.ort.Tensor('float32', recogniserInput(crop), [1, 3, CHIP_SIZE, CHIP_SIZE]);
  const outputs = await runtime.recogniser.run({ input });
  return { crop, matrix, embedding: Float32Array.from(outputs.output.data) };
}
