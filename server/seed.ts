import type { Storage } from "../game-server/storage/storage.ts";
import { demoHall } from "../scenes/demo/demo-hall.ts";

/** The hall a fresh install opens with, at /hall/demo. Left alone once it exists. */
export async function seedDemoHall(storage: Storage): Promise<void> {
  if (await storage.getHall("demo")) return;
  await storage.putHall({ id: "demo", name: "Atrium demo hall", sceneId: demoHall.id });
}
