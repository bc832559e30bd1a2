import type { Scene } from "../scene-format.ts";

/** The hall seeded on first start: a bright lobby with a reception counter and two product plinths. */
export const demoHall: Scene = {
  format: 2,
  id: "demo-hall",
  name: "Atrium demo hall",
  bounds: { minX: -12, minZ: -8, maxX: 12, maxZ: 8 },
  wallHeight: 4.5,
  spawn: { x: 0, z: 2.5, radius: 1.5 },
  palette: { floor: "#c9b79c", walls: "#f1ece4", accent: "#2f6f73", sky: "#dfe9ec" },
  blocks: [
    { label: "Reception", at: { x: 0, z: -6 }, size: { x: 4, y: 1.1, z: 1 }, color: "#2f6f73" },
    { label: "Product A", at: { x: -7, z: -1 }, size: { x: 1.2, y: 0.9, z: 1.2 }, color: "#c8b99a" },
    { label: "Product B", at: { x: 7, z: -1 }, size: { x: 1.2, y: 0.9, z: 1.2 }, color: "#c8b99a" },
  ],
  zones: [
    { id: "booth-1", kind: "private", label: "Consultation booth", rect: { minX: 7, minZ: 4, maxX: 11.7, maxZ: 7.7 } },
    { id: "stage", kind: "stage", label: "Stage", rect: { minX: -2, minZ: -5, maxX: 2, maxZ: -3.5 } },
  ],
};
