// JPEG decoding for the reference pipeline. Human's Node examples decode with tfjs-node, which cannot be installed
// here, so jpeg-js (pure JavaScript) decodes instead; the decoded pixels are written into every reference so the
// C# side can feed the exact same pixels and keep decoder differences out of the model parity checks.
import fs from 'node:fs';
import jpeg from 'jpeg-js';

/** Decodes a JPEG file to packed RGB bytes: {data: Uint8Array(width*height*3), width, height}. */
export function decodeJpeg(filePath) {
  const decoded = jpeg.decode(fs.readFileSync(filePath), { useTArray: true, formatAsRGBA: false });
  return { data: decoded.data, width: decoded.width, height: decoded.height };
}

/** The [height, width, 3] float32 tensor handed to Human (it would cast int32 pixels to float32 itself). */
export function imageTensor(tf, image) {
  return tf.tensor3d(Float32Array.from(image.data), [image.height, image.width, 3], 'float32');
}
