// Times the JavaScript reference pipeline photo by photo in this process (one WASM thread).
// Stages per photo: decode (read + jpeg-js), detect (Human.detect: BlazeFace + FaceMesh + Human's own
// bookkeeping, minus the antispoof/liveness model runs), liveness (antispoof + liveness model executions),
// embed (align.mjs chip + fr_feature.onnx on onnxruntime-web for Human's first face). pipeline is their sum.
import path from 'node:path';
import { decodeJpeg } from './decode.mjs';
import { detectFaces, embedFace } from './pipeline.mjs';
import { createRuntime } from './runtime.mjs';

/** Adds the time spent inside the named models' execute() to counter.ms (WASM kernels run synchronously). */
function timeModelExecutions(models, names, counter) {
  for (const name of names) {
    const model = models[name];
    const execute = model.execute.bind(model);
    model.execute = (inputs, outputs) => {
      const start = performance.now();
      try {
        return execute(inputs, outputs);
      } finally {
        counter.ms += performance.now() - start;
      }
    };
  }
}

export async function createBenchRunner(facesDir) {
  const runtime = await createRuntime();
  const liveness = { ms: 0 };
  timeModelExecutions(runtime.models, ['antispoof', 'liveness'], liveness);

  async function runOne(source) {
    const t0 = performance.now();
    const image = decodeJpeg(path.join(facesDir, source));
    const t1 = performance.now();
    liveness.ms = 0;
    const faces = await detectFaces(runtime, image);
    const t2 = performance.now();
    const livenessMs = liveness.ms;
    if (faces.length > 0) await embedFace(runtime, image, faces[0].mesh);
    const t3 = performance.now();
    return {
      faces: faces.length,
      decodeMs: t1 - t0,
      detectMs: t2 - t1 - livenessMs,
      livenessMs,
      embedMs: t3 - t2,
      pipelineMs: t3 - t0,
    };
  }

  return {
    simd: runtime.simd,
    /** Runs the photos in order; returns per-photo samples and the wall time of the whole loop. */
    async run(sources) {
      const samples = [];
      const start = performance.now();
      for (const source of sources) samples.push(await runOne(source));
      return { samples, wallMs: performance.now() - start };
    },
  };
}
