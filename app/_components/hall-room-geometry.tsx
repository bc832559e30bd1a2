"use client";
// The hall's room now lives in `scene/`; this is the entry `hall-scene.tsx` imports.
export { HallRoomGeometry } from "./scene/hall-room-geometry.tsx";
