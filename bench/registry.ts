import type { Benchmark } from "./benchmark.ts";

/**
 * Every benchmark, by name, in the order `npm run bench` runs them. Loaded lazily so that
 * running one benchmark does not import (or start) what another needs.
 * Adding one: a module whose default export is a `Benchmark`, and one line here.
 */
export const registry: Readonly<Record<string, () => Promise<{ default: Benchmark }>>> = {
  "sfu-capacity": () => import("./sfu-capacity.ts"),
  "subscription-bandwidth": () => import("./subscription-bandwidth.ts"),
  presence: () => import("./presence.ts"),
  rendering: () => import("./rendering.ts"),
  "fec-concealment": () => import("./fec-concealment.ts"),
  "mouth-to-ear": () => import("./mouth-to-ear.ts"),
  concierge: () => import("./concierge.ts"),
  routing: () => import("./routing.ts"),
  handover: () => import("./handover.ts"),
  face: () => import("./face.ts"),
  boards: () => import("./boards.ts"),
  recognition: () => import("./recognition.ts"),
  "live-assist": () => import("./live-assist.ts"),
  studio: () => import("./studio.ts"),
};
