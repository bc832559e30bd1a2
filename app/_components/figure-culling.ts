import { Box3, Matrix4, Sphere, type Object3D, type SkinnedMesh } from "three";

/**
 * Lets the renderer skip avatars out of view. Three culls a skinned mesh against bounds taken
 * from one pose, which animated limbs leave, so such meshes used to be drawn always — every
 * avatar behind the camera too. Instead every skinned mesh of the figure gets the same sphere:
 * the whole figure's rest bounds (morph targets included), grown to hold any pose the hall
 * plays (a raised arm, a stride, a lean).
 */
export function cullAsWholeFigure(model: Object3D): void {
  model.updateMatrixWorld(true);
  const meshes: SkinnedMesh[] = [];
  model.traverse((o) => {
    if ((o as SkinnedMesh).isSkinnedMesh) meshes.push(o as SkinnedMesh);
  });
  const rest = new Box3();
  for (const mesh of meshes) {
    if (!mesh.geometry.boundingBox) mesh.geometry.computeBoundingBox();
    rest.union(mesh.geometry.boundingBox!.clone().applyMatrix4(mesh.matrixWorld));
  }
  if (rest.isEmpty()) return;
  const figure = rest.getBoundingSphere(new Sphere());
  figure.radius = figure.radius * 1.3 + 0.3;
  const toModel = new Matrix4();
  for (const mesh of meshes) {
    mesh.boundingSphere = figure.clone().applyMatrix4(toModel.copy(mesh.matrixWorld).invert());
    mesh.frustumCulled = true;
  }
}
