import type { Storage } from "../game-server/storage/storage.ts";
import { getBuiltInScene } from "../scenes/catalog.ts";
import { meridianBank } from "../scenes/demo/meridian-bank.ts";
import { novaElectronics } from "../scenes/demo/nova-electronics.ts";

/** The halls a fresh install opens with: /hall/demo (an electronics store) and /hall/bank. */
const seededHalls = [
  { id: "demo", name: "Nova Electronics", sceneId: novaElectronics.id },
  { id: "bank", name: "Meridian Bank", sceneId: meridianBank.id },
];

/**
 * Creates the demo halls on first start and leaves them alone afterwards, except that a
 * seeded hall whose scene no longer ships (the v2 `demo-hall` of earlier installs) is moved
 * to its current scene rather than left unopenable.
 */
export async function seedDemoHalls(storage: Storage): Promise<void> {
  for (const hall of seededHalls) {
    const stored = await storage.halls.get(hall.id);
    if (stored && getBuiltInScene(stored.sceneId)) continue;
    await storage.halls.put(stored ? { id: stored.id, name: hall.name, sceneId: hall.sceneId } : hall);
  }
}
