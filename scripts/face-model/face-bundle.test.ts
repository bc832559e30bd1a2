import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { BUNDLE, buildFaceMeshBundle, checkOfficialBundle, PACKED, unpackAssets } from "./face-bundle.ts";
import { FlatTable } from "./flatbuffer-reader.ts";
import { offsets, ref, scalar, scalars, serialize, table, type FieldValue } from "./flatbuffer-writer.ts";
import { readZip, writeStoredZip } from "./stored-zip.ts";
import { TFLITE_METADATA } from "./tflite-metadata.ts";
import { describeModel, editModel, readMetadata } from "./tflite-model.ts";

const dir = "node_modules/@mediapipe/face_mesh";
const assets = unpackAssets(readFileSync(`${dir}/face_mesh_solution_packed_assets_loader.js`, "utf8"), readFileSync(`${dir}/face_mesh_solution_packed_assets.data`));
const bundle = buildFaceMeshBundle(assets);
const entries = new Map(readZip(bundle).map((e) => [e.name, e]));
const model = (name: string) => entries.get(name)!.data.slice();

/** The normalisation MediaPipe will apply to a model's input image, from its metadata. */
function normalization(tflite: Uint8Array): { mean: number[]; std: number[]; colorSpace: number } {
  const metadata = FlatTable.root(readMetadata(tflite, TFLITE_METADATA)!.slice());
  const input = metadata.tables(3)[0]!.tables(2)[0]!;
  const unit = input.tables(4)[0]!;
  expect(unit.u8(0), "a NormalizationOptions process unit").toBe(1);
  return { mean: unit.table(1)!.f32s(0), std: unit.table(1)!.f32s(1), colorSpace: input.table(3)!.table(1)!.i8(0) };
}

describe("face model bundle from @mediapipe/face_mesh", () => {
  it("holds the detector, the landmark model and the geometry data, stored, as FaceLandmarker names them", () => {
    expect([...entries.keys()].sort()).toEqual([BUNDLE.detector, BUNDLE.landmarks, BUNDLE.geometry].sort());
    for (const entry of entries.values()) expect(entry.method).toBe(0);
    expect(Buffer.from(entries.get(BUNDLE.geometry)!.data).equals(Buffer.from(assets.get(PACKED.geometry)!))).toBe(true);
  });

  it("gives each model the input normalisation tasks-vision requires", () => {
    expect(normalization(model(BUNDLE.detector))).toEqual({ mean: [127.5], std: [127.5], colorSpace: 1 });
    expect(normalization(model(BUNDLE.landmarks))).toEqual({ mean: [0], std: [255], colorSpace: 1 });
  });

  it("makes the landmark model answer 478 points, then the face flag, and keeps the rest of the model", () => {
    const before = describeModel(assets.get(PACKED.landmarks)!);
    const after = describeModel(model(BUNDLE.landmarks));
    expect(before.outputs.map((o) => o.name)).toHaveLength(7);
    expect(after.outputs.map((o) => [o.name, o.shape])).toEqual([
      ["landmarks_478", [1, 1, 1, 1434]],
      ["conv_faceflag", [1, 1, 1, 1]],
    ]);
    expect(after.inputs).toEqual(before.inputs);
    expect(after.operatorCount).toBe(before.operatorCount + 5);
    expect(after.tensorCount).toBe(before.tensorCount + 8);
    expect(after.operatorCodes.slice(0, before.operatorCodes.length)).toEqual(before.operatorCodes);
    expect(after.operatorCodes).toEqual(expect.arrayContaining([2, 36, 40])); // CONCATENATION, GATHER, MEAN
  });

  it("leaves the detector's graph as it was", () => {
    const before = describeModel(assets.get(PACKED.detector)!);
    const after = describeModel(model(BUNDLE.detector));
    expect({ ...after, metadataNames: [] }).toEqual(before);
    expect(after.metadataNames).toEqual([TFLITE_METADATA]);
  });

  it("refuses to edit a model with fields it does not know how to keep", () => {
    const tinyModel = (extra: Record<number, FieldValue>) =>
      serialize(table({ 0: scalar("u32", 3), 1: ref(offsets([])), 2: ref(offsets([table({ 0: ref(offsets([])), 1: ref(scalars("i32", [])), 2: ref(scalars("i32", [])), 3: ref(offsets([])) })])), 4: ref(offsets([table({})])), ...extra }), { identifier: "TFL3" });
    expect(describeModel(editModel(tinyModel({}), { metadata: [{ name: "x", data: Uint8Array.of(1) }] })).metadataNames).toEqual(["x"]);
    // A field from a newer schema (here slot 8) would be dropped or mangled by a copy that does not know it.
    expect(() => editModel(tinyModel({ 8: scalar("u32", 1) }), {})).toThrow(/field 8/);
  });

  it("accepts an official-style bundle and says whether it has blendshapes; refuses a compressed one", () => {
    const entry = (name: string) => ({ name, data: model(BUNDLE.detector) });
    expect(checkOfficialBundle(writeStoredZip([entry(BUNDLE.detector), entry(BUNDLE.landmarks), entry(BUNDLE.blendshapes)]))).toEqual({ blendshapes: true });
    expect(checkOfficialBundle(bundle)).toEqual({ blendshapes: false });
    expect(() => checkOfficialBundle(writeStoredZip([entry(BUNDLE.detector)]))).toThrow(/no face_landmarks_detector/);
    const compressed = writeStoredZip([entry(BUNDLE.detector), entry(BUNDLE.landmarks)]);
    const first = readZip(compressed)[0]!;
    // Mark the first entry deflated in its central directory record.
    const central = compressed.length - 22 - 2 * 46 - BUNDLE.detector.length - BUNDLE.landmarks.length;
    new DataView(compressed.buffer).setUint16(central + 10, 8, true);
    expect(first.name).toBe(BUNDLE.detector);
    expect(() => checkOfficialBundle(compressed)).toThrow(/compressed/);
  });
});
