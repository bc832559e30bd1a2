import type { Scene } from "../../scenes/scene-format.ts";

/**
 * What the studio edits: one placed thing of a scene. Lists are addressed by index (signs and
 * obstacles have no id); `spawn` and `reception` are single. Pure functions over a plain scene
 * document, so undo is just the previous document and the tests need no DOM.
 */
export type EntryList = "booths" | "screens" | "whiteboards" | "agentDesks" | "signage" | "obstacles" | "spawnPoints" | "zones";
export type EntryRef = { list: EntryList; index: number } | { list: "spawn" } | { list: "reception" };

export const ENTRY_LISTS: readonly EntryList[] = ["booths", "screens", "whiteboards", "agentDesks", "signage", "obstacles", "spawnPoints", "zones"];

export function refKey(ref: EntryRef): string {
  return "index" in ref ? `${ref.list}/${ref.index}` : ref.list;
}

export function sameRef(a: EntryRef, b: EntryRef): boolean {
  return refKey(a) === refKey(b);
}

type Entry = Record<string, unknown>;

/** Any placed thing, read loosely: each kind has some of these fields (the scene schema says which). */
export interface LooseEntry {
  id?: string; label?: string; text?: string; subtitle?: string; description?: string; kbArticleId?: string; look?: string;
  rect?: { minX: number; minZ: number; maxX: number; maxZ: number };
  at?: { x: number; z: number }; rotation?: number; x?: number; z?: number; ry?: number; radius?: number;
  size?: { x: number; y: number; z: number }; width?: number; height?: number; aspect?: number; y?: number;
  stand?: string; style?: string; color?: string; textColor?: string;
  product?: { kind: "procedural"; model: string } | { kind: "glb"; url: string };
}

export function entryOf(scene: Scene, ref: EntryRef): Entry | undefined {
  if (ref.list === "spawn") return scene.spawn as unknown as Entry;
  if (ref.list === "reception") return scene.reception as unknown as Entry | undefined;
  return (scene[ref.list] as unknown as Entry[])[ref.index];
}

/** Every entry of the scene, in outline order. */
export function allRefs(scene: Scene): EntryRef[] {
  const refs: EntryRef[] = [{ list: "spawn" }];
  if (scene.reception) refs.push({ list: "reception" });
  for (const list of ENTRY_LISTS) (scene[list] as unknown[]).forEach((_, index) => refs.push({ list, index }));
  return refs;
}

/** The name the outline shows: a label, a sign's text, an id. */
export function entryName(scene: Scene, ref: EntryRef): string {
  const e = entryOf(scene, ref);
  if (!e) return "";
  if (ref.list === "spawn") return "Entrance";
  if (ref.list === "reception") return "Reception";
  if (ref.list === "obstacles") return `${String(e.look)} ${("index" in ref ? ref.index : 0) + 1}`;
  return String(e.label ?? e.text ?? e.id ?? "");
}

/** The target `checkScene` names for an entry ("booths/<id>", "signage/<index>"…), to show its issues beside it. */
export function issueTarget(scene: Scene, ref: EntryRef): string {
  if (!("index" in ref)) return ref.list;
  const e = entryOf(scene, ref);
  return ref.list === "signage" || ref.list === "obstacles" ? `${ref.list}/${ref.index}` : `${ref.list}/${String(e?.id ?? ref.index)}`;
}

/** Where an entry stands on the floor and which way it faces (rect-based ones: their centre, no facing). */
export function placeOf(scene: Scene, ref: EntryRef): { x: number; z: number; rotation: number | undefined } | undefined {
  const e = entryOf(scene, ref) as LooseEntry | undefined;
  if (!e) return undefined;
  if (e.rect) return { x: (e.rect.minX + e.rect.maxX) / 2, z: (e.rect.minZ + e.rect.maxZ) / 2, rotation: undefined };
  if (e.at) return { x: e.at.x, z: e.at.z, rotation: e.rotation };
  return { x: e.x ?? 0, z: e.z ?? 0, rotation: e.ry };
}

/** A rough box for picking and outlining: the footprint (w × d), height and base. */
export function boxOf(scene: Scene, ref: EntryRef): { w: number; d: number; h: number; y: number } {
  const e = entryOf(scene, ref) as LooseEntry | undefined;
  if (!e) return { w: 1, d: 1, h: 1, y: 0 };
  if (e.rect) return { w: e.rect.maxX - e.rect.minX, d: e.rect.maxZ - e.rect.minZ, h: ref.list === "zones" ? 0.05 : 1.2, y: 0 };
  switch (ref.list) {
    case "booths":
      return { w: e.size!.x, d: e.size!.z, h: e.size!.y + 0.6, y: 0 };
    case "screens":
    case "whiteboards":
      return { w: e.width!, d: 0.2, h: e.width! / e.aspect!, y: e.y! - e.width! / e.aspect! / 2 };
    case "signage":
      return { w: e.width!, d: 0.2, h: e.height!, y: e.y! - e.height! / 2 };
    case "agentDesks":
    case "reception":
      return { w: 1.6, d: 1.4, h: 1.9, y: 0 };
    default:
      return { w: Math.max(0.6, (e.radius ?? 0.3) * 2), d: Math.max(0.6, (e.radius ?? 0.3) * 2), h: 0.1, y: 0 };
  }
}

const clone = <T,>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/** The scene with the entry moved to (x, z) and, where it faces, turned to `rotation`. */
export function moveEntry(scene: Scene, ref: EntryRef, x: number, z: number, rotation?: number): Scene {
  const next = clone(scene);
  const e = entryOf(next, ref) as LooseEntry | undefined;
  if (!e) return scene;
  const round = (n: number) => Math.round(n * 1000) / 1000;
  if (e.rect) {
    const dx = x - (e.rect.minX + e.rect.maxX) / 2;
    const dz = z - (e.rect.minZ + e.rect.maxZ) / 2;
    e.rect = { minX: round(e.rect.minX + dx), maxX: round(e.rect.maxX + dx), minZ: round(e.rect.minZ + dz), maxZ: round(e.rect.maxZ + dz) };
  } else if (e.at) {
    e.at = { x: round(x), z: round(z) };
    if (rotation !== undefined) e.rotation = round(rotation);
  } else {
    e.x = round(x);
    e.z = round(z);
    if (rotation !== undefined && "ry" in e) e.ry = round(rotation);
  }
  return next;
}

/** The scene with one field of an entry set (a label, a colour, a size); `path` is dotted ("size.x", "product.model"). */
export function setField(scene: Scene, ref: EntryRef, path: string, value: unknown): Scene {
  const next = clone(scene);
  const e = entryOf(next, ref);
  if (!e) return scene;
  const keys = path.split(".");
  let target: Record<string, unknown> = e;
  for (const key of keys.slice(0, -1)) target = (target[key] ??= {}) as Record<string, unknown>;
  target[keys.at(-1)!] = value;
  return next;
}

/** A fresh id for a copy: `phone-2`, `phone-3`… not used in that list. */
function freshId(items: readonly { id?: unknown }[], base: string): string {
  const stem = base.replace(/-\d+$/, "");
  for (let n = 2; ; n++) {
    const id = `${stem}-${n}`.slice(0, 40);
    if (!items.some((i) => i.id === id)) return id;
  }
}

/** Copies of the entries, 1 m to the side, with fresh ids; returns the scene and the copies' refs. */
export function duplicateEntries(scene: Scene, refs: readonly EntryRef[]): { scene: Scene; refs: EntryRef[] } {
  let next = clone(scene);
  const added: EntryRef[] = [];
  for (const ref of refs) {
    if (!("index" in ref)) continue;
    const items = next[ref.list] as unknown as Entry[];
    const source = items[ref.index];
    if (!source) continue;
    const copy = clone(source);
    if (typeof copy.id === "string") copy.id = freshId(items, copy.id);
    items.push(copy);
    const copyRef: EntryRef = { list: ref.list, index: items.length - 1 };
    const place = placeOf(next, copyRef)!;
    next = moveEntry(next, copyRef, place.x + 1, place.z, place.rotation);
    added.push(copyRef);
  }
  return { scene: next, refs: added };
}

/** The scene without the entries (the entrance and the reception cannot be deleted). */
export function deleteEntries(scene: Scene, refs: readonly EntryRef[]): Scene {
  const next = clone(scene);
  for (const list of ENTRY_LISTS) {
    const drop = new Set(refs.filter((r): r is { list: EntryList; index: number } => "index" in r && r.list === list).map((r) => r.index));
    if (drop.size > 0) (next[list] as unknown[]) = (next[list] as unknown[]).filter((_, i) => !drop.has(i));
  }
  return next;
}

/** New things a marketer adds from the palette, placed at (x, z). */
export type NewEntryKind = "booth" | "sign" | "screen" | "whiteboard" | "agentDesk" | "obstacle" | "zone" | "spawnPoint";

export function addEntry(scene: Scene, kind: NewEntryKind, x: number, z: number): { scene: Scene; ref: EntryRef } {
  const next = clone(scene);
  const at = { x: Math.round(x * 100) / 100, z: Math.round(z * 100) / 100 };
  const push = (list: EntryList, entry: unknown): { scene: Scene; ref: EntryRef } => {
    (next[list] as unknown[]).push(entry);
    return { scene: next, ref: { list, index: (next[list] as unknown[]).length - 1 } };
  };
  switch (kind) {
    case "booth":
      return push("booths", {
        id: freshId(next.booths, "booth"), label: "New product", description: "", kbArticleId: next.booths[0]?.kbArticleId ?? "kb-welcome",
        at, rotation: 0, size: { x: 1.2, y: 0.9, z: 0.8 }, stand: "table", product: { kind: "procedural", model: "phone" },
      });
    case "sign":
      return push("signage", { text: "New sign", at, y: 2.6, width: 2.4, height: 0.6, rotation: 0, style: "hanging", color: "#1f2933", textColor: "#ffffff" });
    case "screen":
      return push("screens", { id: freshId(next.screens, "screen"), label: "Screen", at, y: 1.8, width: 2, aspect: 16 / 9, rotation: 0, mount: "stand" });
    case "whiteboard":
      return push("whiteboards", { id: freshId(next.whiteboards, "board"), label: "Whiteboard", at, y: 1.5, width: 1.8, aspect: 1.5, rotation: 0, mount: "stand" });
    case "agentDesk":
      return push("agentDesks", { id: freshId(next.agentDesks, "desk"), label: "Service desk", at, rotation: 0 });
    case "obstacle":
      return push("obstacles", { rect: { minX: at.x - 0.4, maxX: at.x + 0.4, minZ: at.z - 0.4, maxZ: at.z + 0.4 }, look: "planter" });
    case "zone":
      // A consultation booth's sound: the people inside hear only each other (walls are up to the marketer).
      return push("zones", { id: freshId(next.zones, "booth"), kind: "private", label: "Consultation booth", rect: { minX: at.x - 1.5, maxX: at.x + 1.5, minZ: at.z - 1.5, maxZ: at.z + 1.5 } });
    case "spawnPoint":
      return push("spawnPoints", { id: freshId(next.spawnPoints, "point"), x: at.x, z: at.z, ry: 0, radius: 0.5 });
  }
}
