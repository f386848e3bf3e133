// Writes the JavaScript parity references the C# tests compare against (format: README.md).
// usage: node reference.mjs --faces <dev faces dir> --out <dir> [--every 50]
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from './args.mjs';
import { HumanCapture } from './capture.mjs';
import { decodeJpeg } from './decode.mjs';
import { detectFaces } from './pipeline.mjs';
import { listIdentities } from './photos.mjs';
import { writeReference } from './reference-image.mjs';
import { createRuntime } from './runtime.mjs';

const started = performance.now();
const options = parseArgs(process.argv.slice(2), { faces: undefined, out: undefined, every: 50 }, 'node reference.mjs --faces <dir> --out <dir> [--every 50]');
const runtime = await createRuntime();
const capture = new HumanCapture(runtime.tf, runtime.models);
const config = runtime.human.config;

// The first photo of every Nth identity (sorted), plus the first photo in sorted order where Human finds
// two or more faces, so the multi-face path is covered too.
const identities = listIdentities(options.faces);
const selected = identities.filter((_, i) => i % options.every === 0).map((entry) => entry.photos[0]);
let multiFace = null;
for (const source of identities.flatMap((entry) => entry.photos)) {
  if ((await detectFaces(runtime, decodeJpeg(path.join(options.faces, source)))).length >= 2) {
    multiFace = source;
    break;
  }
}
if (multiFace && !selected.includes(multiFace)) selected.push(multiFace);

fs.mkdirSync(options.out, { recursive: true });
const images = [];
for (const source of selected) {
  const index = await writeReference({ runtime, capture, facesDir: options.faces, source, outDir: options.out, config });
  const folder = path.basename(source).replace(/\.[^.]+$/, '');
  images.push({ folder, source, faces: index.faces.length, multiFace: source === multiFace });
  console.log(`${source}: ${index.faces.length} face(s), ${index.tensors.length} tensors`);
}
const top = {
  format: 'face-attendance-js-reference/1',
  selection: `first photo of every ${options.every}th identity in sorted order, plus the first photo (sorted) where Human finds 2+ faces`,
  backend: { name: runtime.tf.getBackend(), simd: runtime.simd, threads: 1 },
  versions: runtime.versions,
  humanConfig: config,
  images,
};
fs.writeFileSync(path.join(options.out, 'index.json'), `${JSON.stringify(top, null, 1)}\n`);
console.log(`wrote ${images.length} references to ${options.out} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
