// Writes one reference folder: every tensor as <name>.f32 (raw little-endian float32, row-major, the shape's last
// dimension fastest) plus index.json describing each file; see README.md for the layout the C# tests read.
import fs from 'node:fs';
import path from 'node:path';

export class TensorStore {
  #dir;
  #tensors = [];

  constructor(dir) {
    this.#dir = dir;
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { recursive: true });
  }

  /** Stores values (any numeric array) under name; the element count must match the shape. */
  add(name, shape, values, meaning) {
    const count = shape.reduce((a, b) => a * b, 1);
    if (values.length !== count) throw new Error(`${name}: ${values.length} values for shape [${shape}]`);
    const data = Float32Array.from(values);
    const bytes = Buffer.alloc(count * 4);
    for (let i = 0; i < count; i++) bytes.writeFloatLE(data[i], i * 4);
    const file = `${name}.f32`;
    fs.writeFileSync(path.join(this.#dir, file), bytes);
    this.#tensors.push({ name, file, dtype: 'float32', shape: [...shape], meaning });
  }

  /** Writes index.json: the given fields plus the list of stored tensors. */
  finish(fields) {
    const index = { ...fields, tensors: this.#tensors };
    fs.writeFileSync(path.join(this.#dir, 'index.json'), `${JSON.stringify(index, null, 1)}\n`);
    return index;
  }
}
