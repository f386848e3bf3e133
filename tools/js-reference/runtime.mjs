// Loads Human and face-api on one shared tfjs-core instance with the single-threaded WASM backend.
// Both libraries' node-wasm builds `require` @tensorflow/tfjs-core from this folder's node_modules, so the lock
// file's single copy of tfjs-core (and of tfjs-backend-wasm) is what both of them run on.
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
const faceapi = require('@vladmandic/face-api/dist/face-api.node-wasm.js');

export const humanModelsDir = path.join(humanDist, '..', 'models');
export const faceApiModelsDir = path.join(path.dirname(require.resolve('@vladmandic/face-api/package.json')), 'model');
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

/** Creates Human (models loaded, WASM backend active) and loads face-api's faceRecognitionNet on the same tfjs. */
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
  if (faceapi.tf.engine() !== tf.engine()) throw new Error('face-api and Human run on different tfjs-core copies (npm ci should dedupe them)');
  await faceapi.nets.faceRecognitionNet.loadFromDisk(faceApiModelsDir);
  const models = human.models.models;
  for (const name of ['blazeface', 'facemesh', 'antispoof', 'liveness']) {
    if (!models[name]) throw new Error(`Human did not load the ${name} model from ${humanModelsDir}`);
  }
  return { tf, human, faceapi, models, simd, versions: { ...human.tf.version, human: human.version, faceapi: faceapi.version } };
}
