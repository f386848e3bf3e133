// Loads Human on tfjs-core with the single-threaded WASM backend, and faceplugin's fr_feature.onnx exactly as its npm
// package ships it (unpacked by tools/prepare-tests.sh; the repo's models/ copy has its PRelu nodes rewritten) on
// onnxruntime-web's single-threaded WASM: an ONNX runtime and a model file independent of the C# engine's.
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL, fileURLToPath } from 'node:url';
import { humanConfig } from './human-config.mjs';

const require = createRequire(import.meta.url);
const tf = require('@tensorflow/tfjs-core');
require('@tensorflow/tfjs-backend-wasm');

// Human's package.json "exports" only maps conditions to dist/human.node.js (the tfjs-node build, which
// cannot be installed here), so its wasm build is loaded by file path next to the resolved entry point.
const humanDist = path.dirname(require.resolve('@vladmandic/human'));
const { Human } = require(path.join(humanDist, 'human.node-wasm.js'));
const ort = require('onnxruntime-web');
ort.env.wasm.numThreads = 1;

export const humanModelsDir = path.join(humanDist, '..', 'models');
export const recogniserPath = fileURLToPath(new URL('../../artifacts/npm/faceplugin/package/model/fr_feature.onnx', import.meta.url));
const wasmDir = path.join(path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist');

// tfjs-core without tfjs-node has no file:// loader; Human hands GraphModel a URL, so route file URLs here.
function fileModelHandler(url) {
  const jsonPath = fileURLToPath(url);
  return {
    load: async () => {
      const modelJson = JSON.parse(fs.readFileSync(jsonPath, 'utf8'));
      return tf.io.getModelArtifactsForJSON(modelJson, async (manifest) => {
        const specs = manifest.flatMap((group) => group.weights);
        const buffers = manifest.flatMap((group) => group.paths).map((p) => fs.readFileSync(path.join(path.dirname(jsonPath), p)));
        const joined = Buffer.concat(buffers);
        return [specs, joined.buffer.slice(joined.byteOffset, joined.byteOffset + joined.byteLength)];
      });
    },
  };
}
tf.io.registerLoadRouter((url) => (typeof url === 'string' && url.startsWith('file://') ? fileModelHandler(url) : null));

// The threaded WASM build would start pthread workers; the parity and timing figures are defined for one thread.
tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);

/** Creates Human (models loaded, WASM backend active) and the onnxruntime-web session of the recogniser. */
export async function createRuntime() {
  const config = {
    ...humanConfig,
    modelBasePath: `${pathToFileURL(humanModelsDir).href}/`,
    wasmPath: `${wasmDir}${path.sep}`,
  };
  const human = new Human(config);
  await human.load();
  if (tf.getBackend() !== 'wasm') throw new Error(`expected the wasm backend, got ${tf.getBackend()}`);
  const simd = await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT');
  const recogniser = await ort.InferenceSession.create(recogniserPath, { executionProviders: ['wasm'] });
  const models = human.models.models;
  for (const name of ['blazeface', 'facemesh', 'antispoof', 'liveness']) {
    if (!models[name]) throw new Error(`Human did not load the ${name} model from ${humanModelsDir}`);
  }
  return { tf, human, ort, recogniser, models, simd, versions: { ...human.tf.version, human: human.version, onnxruntimeWeb: ort.env.versions.web } };
}
