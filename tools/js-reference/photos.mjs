// Lists the dev photos in one deterministic order: identities sorted by name, then photo files sorted by name
// (plain code-point comparison, not locale-dependent), as paths relative to the faces folder with '/' separators.
import fs from 'node:fs';
import path from 'node:path';

const byCodePoint = (a, b) => (a < b ? -1 : a > b ? 1 : 0);

/** Returns [{identity, photos: [relativePath, ...]}] for every identity folder that holds at least one JPEG. */
export function listIdentities(facesDir) {
  if (!fs.existsSync(facesDir)) throw new Error(`faces folder not found: ${facesDir}`);
  return fs.readdirSync(facesDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort(byCodePoint)
    .map((identity) => ({
      identity,
      photos: fs.readdirSync(path.join(facesDir, identity))
        .filter((file) => /\.jpe?g$/i.test(file))
        .sort(byCodePoint)
        .map((file) => `${identity}/${file}`),
    }))
    .filter((entry) => entry.photos.length > 0);
}

/** All photos in order: identity by identity. */
export function listPhotos(facesDir) {
  return listIdentities(facesDir).flatMap((entry) => entry.photos);
}
