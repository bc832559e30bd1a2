import { offsets, ref, scalar, scalars, serialize, str, table } from "./flatbuffer-writer.ts";

/** The metadata entry's name that MediaPipe's ModelMetadataExtractor looks for. */
export const TFLITE_METADATA = "TFLITE_METADATA";

// Union tags and enums of tensorflow_lite_support's metadata_schema.fbs (file identifier "M001").
const CONTENT_IMAGE_PROPERTIES = 2;
const COLOR_SPACE_RGB = 1;
const PROCESS_UNIT_NORMALIZATION = 1;

/**
 * The smallest TFLite model metadata MediaPipe Tasks accepts for a float image model: one
 * input tensor described as an RGB image with its normalisation, `(pixel - mean) / std`.
 * Without it, tasks-vision refuses the model ("requires specifying NormalizationOptions
 * metadata"); the face_mesh package's models carry none.
 */
export function imageInputMetadata(options: { name: string; mean: number; std: number }): Uint8Array {
  const normalization = table({ 0: ref(scalars("f32", [options.mean])), 1: ref(scalars("f32", [options.std])) });
  const processUnit = table({ 0: scalar("u8", PROCESS_UNIT_NORMALIZATION), 1: ref(normalization) });
  const content = table({ 0: scalar("u8", CONTENT_IMAGE_PROPERTIES), 1: ref(table({ 0: scalar("i8", COLOR_SPACE_RGB) })) });
  const input = table({ 0: ref(str("image")), 3: ref(content), 4: ref(offsets([processUnit])) });
  const subgraph = table({ 0: ref(str(options.name)), 2: ref(offsets([input])) });
  const model = table({ 0: ref(str(options.name)), 3: ref(offsets([subgraph])) });
  return serialize(model, { identifier: "M001" });
}
