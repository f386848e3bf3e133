// Records what Human feeds its models and what they return, by wrapping the loaded GraphModels' execute and the
// two tf.image ops whose arguments carry Human's decoded detections. Nothing is recomputed: every captured value
// is the tensor Human itself passed or received, copied out synchronously (WASM kernels run synchronously).

/**
 * Output names as the converted ONNX models use them: the model.json signature key, else the tfjs node name
 * (BlazeFace has only a metadata signature keyed by "Identity_3:0"-style tensor names, hence the ":0" strip).
 */
function outputNames(model) {
  const signature = model.signature?.outputs ?? {};
  return model.outputs.map((output) => {
    const node = output.name.replace(/:0$/, '');
    const key = Object.keys(signature).find((k) => signature[k].name === `${node}:0`) ?? node;
    return key.replace(/:0$/, '');
  });
}

const snapshot = (tensor) => ({ shape: [...tensor.shape], data: Float32Array.from(tensor.dataSync()) });

export class HumanCapture {
  #recording = null;

  /** Installs the wrappers once; they record only between start() and stop(). */
  constructor(tf, models) {
    for (const [name, model] of Object.entries(models)) {
      if (!model) continue;
      const names = outputNames(model);
      const execute = model.execute.bind(model);
      model.execute = (inputs, outputs) => {
        const result = execute(inputs, outputs);
        if (this.#recording) {
          const list = Array.isArray(result) ? result : [result];
          this.#recording.calls.push({
            model: name,
            input: snapshot(inputs),
            outputs: list.map((tensor, i) => ({ name: names[i], ...snapshot(tensor) })),
          });
        }
        return result;
      };
    }
    const nms = tf.image.nonMaxSuppressionAsync;
    tf.image.nonMaxSuppressionAsync = async (boxes, scores, maxOutputSize, iouThreshold, scoreThreshold) => {
      const selected = await nms(boxes, scores, maxOutputSize, iouThreshold, scoreThreshold);
      if (this.#recording) {
        this.#recording.nms.push({
          boxes: snapshot(boxes),
          scores: snapshot(scores),
          selected: Array.from(selected.dataSync()),
          maxOutputSize,
          iouThreshold,
          scoreThreshold,
        });
      }
      return selected;
    };
    const cropAndResize = tf.image.cropAndResize;
    tf.image.cropAndResize = (image, boxes, boxInd, cropSize, method, extrapolationValue) => {
      if (this.#recording) {
        this.#recording.crops.push({ imageShape: [...image.shape], boxes: boxes.map((b) => [...b]), cropSize: [...cropSize], method: method ?? 'bilinear' });
      }
      return cropAndResize(image, boxes, boxInd, cropSize, method, extrapolationValue);
    };
  }

  start() {
    this.#recording = { calls: [], nms: [], crops: [] };
  }

  /** Returns everything recorded since start(); model calls keep Human's call order. */
  stop() {
    const recording = this.#recording;
    this.#recording = null;
    return recording;
  }
}
