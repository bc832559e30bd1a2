import { Frustum, Matrix4, PerspectiveCamera, Vector3, type SkinnedMesh } from "three";
import { describe, expect, it } from "vitest";
import { buildAvatar } from "../../avatars/build-avatar.ts";
import { animateRig, rigBones } from "../../avatars/procedural-animation.ts";
import { PRESETS } from "../../avatars/presets.ts";
import { cullAsWholeFigure } from "./figure-culling.ts";

function skinnedMeshes(model: ReturnType<typeof buildAvatar>): SkinnedMesh[] {
  const out: SkinnedMesh[] = [];
  model.traverse((o) => {
    if ((o as SkinnedMesh).isSkinnedMesh) out.push(o as SkinnedMesh);
  });
  return out;
}

/** Every vertex of every skinned mesh, where the current pose puts it (model space). */
function posedVertices(model: ReturnType<typeof buildAvatar>): Vector3[] {
  model.updateMatrixWorld(true);
  const out: Vector3[] = [];
  for (const mesh of skinnedMeshes(model)) {
    mesh.skeleton.update();
    const count = mesh.geometry.getAttribute("position").count;
    for (let i = 0; i < count; i += 7) out.push(mesh.getVertexPosition(i, new Vector3()).applyMatrix4(mesh.matrixWorld));
  }
  return out;
}

describe("culling an avatar as a whole figure", () => {
  it("keeps every posed vertex inside the culling sphere, waving and striding", () => {
    // The tallest and broadest looks, and the smallest.
    for (const preset of [PRESETS.marcus, PRESETS.lena, { ...PRESETS.oliver, height: 2.05 }, { ...PRESETS.amara, height: 1.45 }]) {
      const model = buildAvatar(preset);
      cullAsWholeFigure(model);
      const bones = rigBones(model);
      // Mid-wave, mid-stride and turning: the farthest the hall ever bends a figure.
      for (let t = 0; t < 3; t += 0.25) animateRig(bones, { time: t, speed: 2.8, turnRate: 2, talking: true, waving: true }, 0.25);
      for (const mesh of skinnedMeshes(model)) {
        const sphere = mesh.boundingSphere!.clone().applyMatrix4(mesh.matrixWorld);
        const outside = posedVertices(model).filter((v) => !sphere.containsPoint(v));
        expect(outside, `${mesh.name} at ${preset.height} m`).toEqual([]);
        expect(mesh.frustumCulled).toBe(true);
      }
    }
  });

  it("lets the camera skip a figure behind it and keep one in front", () => {
    const model = buildAvatar(PRESETS.kenji);
    cullAsWholeFigure(model);
    const camera = new PerspectiveCamera(60, 16 / 9, 0.1, 100);
    camera.position.set(0, 1.6, 5);
    camera.lookAt(0, 1.6, 0);
    camera.updateMatrixWorld(true);
    const frustum = new Frustum().setFromProjectionMatrix(new Matrix4().multiplyMatrices(camera.projectionMatrix, camera.matrixWorldInverse));
    const head = skinnedMeshes(model)[0]!;
    model.position.set(0, 0, 0);
    model.updateMatrixWorld(true);
    expect(frustum.intersectsObject(head)).toBe(true);
    model.position.set(0, 0, 12); // 7 m behind the camera
    model.updateMatrixWorld(true);
    expect(frustum.intersectsObject(head)).toBe(false);
  });
});
