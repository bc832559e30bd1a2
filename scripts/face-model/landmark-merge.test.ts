import { describe, expect, it } from "vitest";
import { ATTENTION_OUTPUTS, FACE_POINTS, LEFT_EYE, LIPS, mergeEdit, RIGHT_EYE } from "./landmark-merge.ts";
import { Builtin } from "./tflite-model.ts";

/** The attention model's outputs, filled with values that say where they came from. */
function fakeOutputs(): Map<string, Float32Array> {
  const outputs = new Map<string, Float32Array>();
  ATTENTION_OUTPUTS.forEach((o, k) => outputs.set(o.name, Float32Array.from({ length: o.values }, (_, i) => (k + 1) * 10_000 + i + Math.sin(i))));
  return outputs;
}

/**
 * MediaPipe's refinement as its legacy graph does it (LandmarksRefinementCalculator): mesh x,y,z;
 * lips and eyes replace x,y; each iris gets x,y and the mean z of its eye's 16 contour points.
 */
function reference(outputs: Map<string, Float32Array>): number[] {
  const mesh = outputs.get("output_mesh_identity")!;
  const points = Array.from({ length: FACE_POINTS }, (_, i) => (i < 468 ? [mesh[i * 3]!, mesh[i * 3 + 1]!, mesh[i * 3 + 2]!] : [0, 0, 0]));
  const refine = (indices: number[], values: Float32Array) => indices.forEach((p, i) => (points[p] = [values[i * 2]!, values[i * 2 + 1]!, points[p]![2]!]));
  refine(LIPS, outputs.get("output_lips")!);
  refine(LEFT_EYE, outputs.get("output_left_eye")!);
  refine(RIGHT_EYE, outputs.get("output_right_eye")!);
  const iris = (first: number, values: Float32Array, contour: number[]) => {
    const z = contour.reduce((sum, p) => sum + points[p]![2]!, 0) / contour.length;
    for (let i = 0; i < 5; i++) points[first + i] = [values[i * 2]!, values[i * 2 + 1]!, z];
  };
  iris(468, outputs.get("output_left_iris")!, LEFT_EYE.slice(0, 16));
  iris(473, outputs.get("output_right_iris")!, RIGHT_EYE.slice(0, 16));
  return points.flat();
}

/** Runs the edit's operators on plain arrays (every tensor here has leading dimensions of 1). */
function runEdit(outputs: Map<string, Float32Array>): Float32Array {
  const edit = mergeEdit();
  const values = new Map<string, Float32Array | Int32Array>(outputs);
  const shapes = new Map(edit.tensors.map((t) => [t.name, t.shape]));
  for (const t of edit.tensors) if (t.data) values.set(t.name, t.data);
  for (const op of edit.operators) {
    const inputs = op.inputs.map((name) => values.get(name)!);
    let out: Float32Array;
    if (op.builtin === Builtin.CONCATENATION) {
      out = Float32Array.from(inputs.flatMap((v) => Array.from(v)));
    } else if (op.builtin === Builtin.GATHER) {
      const [params, indices] = inputs as [Float32Array, Int32Array];
      out = Float32Array.from(indices, (i) => params[i]!);
    } else {
      const [input] = inputs as [Float32Array];
      const shape = shapes.get(op.inputs[0]!)!;
      const width = shape.at(-1)!;
      out = Float32Array.from({ length: input.length / width }, (_, r) => input.subarray(r * width, (r + 1) * width).reduce((a, b) => a + b, 0) / width);
    }
    const expected = shapes.get(op.outputs[0]!)!.reduce((a, b) => a * b, 1);
    expect(out.length, `${op.outputs[0]} has the size its tensor declares`).toBe(expected);
    values.set(op.outputs[0]!, out);
  }
  return values.get(edit.outputs[0]!) as Float32Array;
}

describe("landmark merge", () => {
  it("computes what MediaPipe's refinement computes, for all 478 points", () => {
    const outputs = fakeOutputs();
    const merged = runEdit(outputs);
    const expected = reference(outputs);
    expect(merged).toHaveLength(FACE_POINTS * 3);
    for (let i = 0; i < expected.length; i++) expect(merged[i], `value ${i} (point ${Math.floor(i / 3)})`).toBeCloseTo(expected[i]!, 2);
  });

  it("gives the model the two outputs FaceLandmarker reads: landmarks, then face presence", () => {
    const edit = mergeEdit();
    expect(edit.outputs).toEqual(["landmarks_478", "conv_faceflag"]);
    expect(edit.tensors.find((t) => t.name === "landmarks_478")?.shape).toEqual([1, 1, 1, 1434]);
  });

  it("refines lips and eyes from disjoint point sets", () => {
    const all = [...LIPS, ...LEFT_EYE, ...RIGHT_EYE];
    expect(new Set(all).size).toBe(all.length);
    expect(all.every((p) => p >= 0 && p < 468)).toBe(true);
  });
});
