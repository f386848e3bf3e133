// Benchmarks the JavaScript reference pipeline on the first N dev photos (sorted) and prints one JSON line.
// usage: node bench.mjs --faces <dir> [--limit 200] [--warmup 5] [--threads 1|2]
// --threads 2 runs two worker processes (one WASM thread each, photos interleaved) started together after
// their warm-up; imagesPerSecond2 is then the photos of both over the wall time until the last one finished.
import { fork } from 'node:child_process';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from './args.mjs';
import { createBenchRunner } from './bench-run.mjs';
import { listPhotos } from './photos.mjs';

const usage = 'node bench.mjs --faces <dir> [--limit 200] [--warmup 5] [--threads 1|2]';
const options = parseArgs(process.argv.slice(2), { faces: undefined, limit: 200, warmup: 5, threads: 1, shard: 'all' }, usage);
const photos = listPhotos(options.faces).slice(0, options.limit);

// The machine's 1-minute load average rides along: on a shared 2-core machine it tells whether the figures are
// from a quiet run.
function summarize(samples) {
  const stats = { loadAverage1m: Number(os.loadavg()[0].toFixed(2)) };
  for (const key of ['decodeMs', 'detectMs', 'livenessMs', 'embedMs', 'pipelineMs']) {
    const sorted = samples.map((s) => s[key]).sort((a, b) => a - b);
    const at = (q) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
    const median = sorted.length % 2 ? sorted[(sorted.length - 1) / 2] : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
    stats[key] = Number(median.toFixed(2));
    stats[key.replace(/Ms$/, 'P95Ms')] = Number(at(0.95).toFixed(2));
  }
  return stats;
}

async function prepareRunner() {
  const runner = await createBenchRunner(options.faces);
  await runner.run(photos.slice(0, options.warmup));
  return runner;
}

if (options.shard !== 'all') {
  // Worker process: warm up, report ready, run its share when told to, send the samples back.
  const [index, count] = options.shard.split('/').map(Number);
  const runner = await prepareRunner();
  process.send({ ready: true });
  process.once('message', async () => {
    const result = await runner.run(photos.filter((_, i) => i % count === index));
    process.send(result, () => process.exit(0));
  });
} else if (options.threads === 1) {
  const runner = await prepareRunner();
  const { samples, wallMs } = await runner.run(photos);
  const faces = samples.filter((s) => s.faces > 0).length;
  console.log(JSON.stringify({ images: samples.length, imagesWithFace: faces, threads: 1, simd: runner.simd, ...summarize(samples), imagesPerSecond1: Number((samples.length / (wallMs / 1000)).toFixed(2)) }));
} else {
  const script = fileURLToPath(import.meta.url);
  const args = ['--faces', options.faces, '--limit', String(options.limit), '--warmup', String(options.warmup)];
  const workers = Array.from({ length: options.threads }, (_, i) => fork(script, [...args, '--shard', `${i}/${options.threads}`]));
  await Promise.all(workers.map((w) => new Promise((resolve, reject) => {
    w.once('message', resolve);
    w.once('exit', (code) => (code ? reject(new Error(`bench worker exited with ${code}`)) : undefined));
  })));
  const start = performance.now();
  const results = await Promise.all(workers.map((w) => new Promise((resolve) => {
    w.once('message', resolve);
    w.send({ go: true });
  })));
  const wallMs = performance.now() - start;
  const samples = results.flatMap((r) => r.samples);
  const faces = samples.filter((s) => s.faces > 0).length;
  const key = `imagesPerSecond${options.threads}`;
  console.log(JSON.stringify({ images: samples.length, imagesWithFace: faces, threads: options.threads, ...summarize(samples), [key]: Number((samples.length / (wallMs / 1000)).toFixed(2)) }));
}
