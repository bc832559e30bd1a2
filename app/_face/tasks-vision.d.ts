/**
 * @mediapipe/tasks-vision 20230920.0.0 ships its types as `vision.d.ts` but its package.json
 * "exports" names `./vision_.d.ts`, which does not exist, so TypeScript finds no types for the
 * package. This points the names we use at the real declarations.
 */
/* eslint-disable @typescript-eslint/consistent-type-imports -- an ambient module can reach a relative path only through import() types */
declare module "@mediapipe/tasks-vision" {
  type Vision = typeof import("../../node_modules/@mediapipe/tasks-vision/vision.d.ts");

  export const FaceLandmarker: Vision["FaceLandmarker"];
  export type FaceLandmarker = import("../../node_modules/@mediapipe/tasks-vision/vision.d.ts").FaceLandmarker;
  export const FilesetResolver: Vision["FilesetResolver"];
  export type FaceLandmarkerResult = import("../../node_modules/@mediapipe/tasks-vision/vision.d.ts").FaceLandmarkerResult;
  export type FaceLandmarkerOptions = import("../../node_modules/@mediapipe/tasks-vision/vision.d.ts").FaceLandmarkerOptions;
}
