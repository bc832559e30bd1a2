"use client";
import { BoxGeometry, Color, CylinderGeometry, ExtrudeGeometry, IcosahedronGeometry, PlaneGeometry, Shape, TorusGeometry, type Vector3 } from "three";
import { RoundedBoxGeometry } from "three/examples/jsm/geometries/RoundedBoxGeometry.js";
import type { ProductModel } from "../../../scenes/scene-format.ts";
import type { Paint, Parts } from "./static-batch.ts";
import { shade } from "./surface-textures.ts";

/**
 * Procedural products, built from a few primitives each. Each model stands on the origin
 * (the top of its stand) and faces +z. They are display-sized "hero" models, larger than
 * life where the real thing would be a speck from the aisle (phones, watches), as in a real
 * shop window.
 */
export const productModels: Record<ProductModel, (p: Parts, color: string) => void> = {
  phone(p, color) {
    const finishes = [color, "#dcdfe4", "#3c6e8f"];
    const walls = [["#3a7bd5", "#7b4397"], ["#f7971e", "#d2416e"], ["#11998e", "#1f4068"]] as const;
    [-0.55, 0, 0.55].forEach((x, i) => {
      const f = p.frame([x, 0, 0.05], [0, (1 - i) * 0.22, 0]);
      f.add("metal", "#c9ccd1", cyl(0.11, 0.02, 32), [0, 0.01, 0]);
      f.add("metal", "#c9ccd1", box(0.03, 0.28, 0.02), [0, 0.16, -0.08], [-0.35, 0, 0]);
      const phone = f.frame([0, 0.3, -0.02], [-0.2, 0, 0]);
      phone.add("gloss", finishes[i]!, rbox(0.27, 0.56, 0.03, 0.035));
      phone.add("glow", gradient(walls[i]!, 0.53), plane(0.25, 0.53, 1), [0, 0, 0.0165]);
      phone.add("gloss", "#0d0f12", cyl(0.008, 0.004, 12), [0, 0.24, 0.016], [Math.PI / 2, 0, 0]);
      phone.add("gloss", shade(finishes[i]!, -0.3), rbox(0.1, 0.1, 0.012, 0.02), [0.065, 0.2, -0.018]);
    });
  },

  laptop(p, color) {
    const setups = [[-0.5, 0.25, 1, ["#89f7fe", "#66a6ff"]], [0.5, -0.2, 0.85, ["#fbc2eb", "#a6c1ee"]]] as const;
    for (const [x, yaw, size, wall] of setups) {
      const f = p.frame([x, 0, 0.05], [0, yaw, 0], size);
      f.add("metal", color, rbox(0.66, 0.022, 0.46, 0.01), [0, 0.011, 0]);
      f.add("matte", "#26282c", box(0.58, 0.003, 0.2), [0, 0.022, -0.07]);
      f.add("satin", shade(color, -0.12), box(0.24, 0.003, 0.14), [0, 0.022, 0.13]);
      const lid = f.frame([0, 0.022, -0.225], [-0.3, 0, 0]);
      lid.add("metal", color, rbox(0.66, 0.44, 0.014, 0.01), [0, 0.22, -0.007]);
      lid.add("gloss", "#0b0c0e", plane(0.64, 0.42), [0, 0.22, 0.002]);
      lid.add("glow", gradient(wall, 0.38), plane(0.6, 0.38, 1), [0, 0.225, 0.004]);
    }
  },

  tablet(p, color) {
    const up = p.frame([-0.35, 0, 0], [0, 0.15, 0]);
    up.add("metal", "#c9ccd1", box(0.36, 0.02, 0.2), [0, 0.01, 0]);
    up.add("metal", "#c9ccd1", box(0.3, 0.3, 0.02), [0, 0.16, -0.08], [-0.45, 0, 0]);
    const t = up.frame([0, 0.27, 0], [-0.35, 0, 0]);
    t.add("gloss", color, rbox(0.56, 0.4, 0.014, 0.03));
    t.add("glow", gradient(["#ffd194", "#ff6f91", "#3a2d6b"], 0.37), plane(0.52, 0.37, 2), [0, 0, 0.0075]);
    // A second one lying flat with its pen, the way people try them.
    const flat = p.frame([0.45, 0.008, 0.05], [0, -0.3, 0]);
    flat.add("gloss", "#d8dade", rbox(0.4, 0.012, 0.29, 0.02));
    flat.add("glow", gradient(["#e0f7fa", "#80deea"], 0.27), plane(0.37, 0.27, 1), [0, 0.0065, 0], [-Math.PI / 2, 0, 0]);
    flat.add("satin", "#f4f4f4", cyl(0.006, 0.18, 12), [0.24, 0, 0], [Math.PI / 2, 0, 0]);
  },

  tv(p, color) {
    p.add("metal", "#2a2c30", rbox(0.56, 0.02, 0.3, 0.008), [0, 0.01, 0]);
    p.add("metal", "#2a2c30", box(0.1, 0.16, 0.04), [0, 0.1, -0.03]);
    const panel = p.frame([0, 0.66, 0]);
    panel.add("gloss", color, box(1.7, 0.98, 0.04));
    panel.add("glow", gradient(["#12203f", "#3b5b99", "#f29a5c", "#ffcf7d", "#6b3752", "#1b1426"], 0.95), plane(1.66, 0.95, 5), [0, 0, 0.021]);
    // A low sun over the horizon, as on a store demo loop.
    panel.add("glow", "#fff1c2", new CylinderGeometry(0.07, 0.07, 0.001, 32), [0.35, 0.02, 0.022], [Math.PI / 2, 0, 0]);
  },

  headphones(p, color) {
    p.add("metal", "#c9ccd1", cyl(0.13, 0.02, 32), [0, 0.01, 0]);
    p.add("metal", "#c9ccd1", cyl(0.014, 0.5, 12), [0, 0.27, 0]);
    p.add("metal", "#c9ccd1", box(0.2, 0.025, 0.05), [0, 0.52, 0]);
    const h = p.frame([0, 0.39, 0], [0, 0, 0], 1.25);
    h.add("satin", color, new TorusGeometry(0.13, 0.017, 10, 32, Math.PI));
    h.add("matte", shade(color, -0.5), new TorusGeometry(0.118, 0.012, 8, 24, Math.PI * 0.7), [0, 0, 0], [0, 0, Math.PI * 0.15]);
    for (const side of [-1, 1]) {
      h.add("metal", "#b8bcc2", box(0.012, 0.07, 0.03), [side * 0.132, -0.02, 0]);
      h.add("satin", color, cyl(0.072, 0.05, 32), [side * 0.142, -0.09, 0], [0, 0, Math.PI / 2]);
      h.add("matte", shade(color, -0.55), cyl(0.064, 0.03, 32), [side * 0.108, -0.09, 0], [0, 0, Math.PI / 2]);
      h.add("metal", "#b8bcc2", cyl(0.05, 0.004, 32), [side * 0.168, -0.09, 0], [0, 0, Math.PI / 2]);
    }
  },

  watch(p, color) {
    const w = p.frame([0, 0, 0.05], [0, 0, 0], 2.2);
    w.add("satin", "#f3f1ee", cyl(0.1, 0.26, 32), [0, 0.1, 0], [0, 0, Math.PI / 2]);
    w.add("matte", color, new TorusGeometry(0.108, 0.01, 8, 40), [0, 0.1, 0], [0, Math.PI / 2, 0], [1, 1, 2.3]);
    const c = w.frame([0, 0.125, 0.1], [-0.35, 0, 0]);
    c.add("metal", "#c4c8ce", rbox(0.08, 0.095, 0.026, 0.014));
    c.add("glow", gradient(["#141821", "#1d2635"], 0.08), plane(0.066, 0.08, 1), [0, 0, 0.0135]);
    c.add("glow", color, new TorusGeometry(0.022, 0.003, 6, 32, Math.PI * 1.5), [0, 0.008, 0.0138]);
    c.add("glow", "#5ee1a0", new TorusGeometry(0.015, 0.003, 6, 32, Math.PI * 1.1), [0, 0.008, 0.0138]);
    c.add("metal", "#c4c8ce", cyl(0.007, 0.01, 12), [0.044, 0.012, 0], [0, 0, Math.PI / 2]);
  },

  speaker(p, color) {
    const one = (x: number, size: number) => {
      const f = p.frame([x, 0, 0], [0, 0, 0], size);
      f.add("gloss", "#1b1d20", cyl(0.148, 0.014, 40), [0, 0.007, 0]);
      f.add("matte", color, cyl(0.15, 0.4, 40), [0, 0.214, 0]);
      f.add("gloss", shade(color, -0.6), cyl(0.15, 0.018, 40), [0, 0.423, 0]);
      f.add("glow", "#8fd8ff", new TorusGeometry(0.06, 0.005, 6, 40), [0, 0.433, 0], [-Math.PI / 2, 0, 0]);
    };
    one(-0.14, 1.15);
    one(0.28, 0.75);
  },

  camera(p, color) {
    const f = p.frame([0, 0, 0.05], [0, -0.35, 0], 1.7);
    f.add("matte", color, rbox(0.2, 0.12, 0.07, 0.014), [0, 0.075, 0]);
    f.add("matte", color, rbox(0.05, 0.115, 0.095, 0.018), [-0.08, 0.072, 0.014]);
    f.add("matte", color, rbox(0.065, 0.045, 0.065, 0.01), [0.01, 0.15, -0.004]);
    f.add("metal", "#2c2e33", cyl(0.038, 0.07, 32), [0.025, 0.075, 0.07], [Math.PI / 2, 0, 0]);
    f.add("satin", "#4a4d53", cyl(0.04, 0.018, 32), [0.025, 0.075, 0.09], [Math.PI / 2, 0, 0]);
    f.add("gloss", "#0d1a33", cyl(0.029, 0.002, 32), [0.025, 0.075, 0.106], [Math.PI / 2, 0, 0]);
    f.add("metal", "#b8bcc2", cyl(0.013, 0.014, 16), [0.065, 0.142, 0]);
    f.add("metal", "#b8bcc2", cyl(0.011, 0.012, 16), [-0.06, 0.14, 0]);
    f.add("gloss", "#e1261c", box(0.012, 0.012, 0.002), [-0.07, 0.11, 0.036]);
  },

  card(p, color) {
    const one = (x: number, z: number, yaw: number, body: string, lift: number) => {
      const f = p.frame([x, 0, z], [0, yaw, 0]);
      f.add("metal", "#c9ccd1", box(0.36, 0.02, 0.16), [0, 0.01, 0]);
      f.add("metal", "#c9ccd1", box(0.2, 0.02, 0.02), [0, 0.03, 0.05]);
      const c = f.frame([0, 0.3 + lift, 0], [-0.22, 0, 0]);
      c.add("gloss", body, rbox(0.86, 0.54, 0.012, 0.04));
      c.add("metal", "#d8b865", rbox(0.11, 0.085, 0.004, 0.012), [-0.26, 0.04, 0.007]);
      c.add("satin", shade(body, 0.55), box(0.46, 0.028, 0.002), [-0.12, -0.12, 0.007]);
      c.add("satin", shade(body, 0.55), box(0.2, 0.022, 0.002), [-0.25, -0.18, 0.007]);
      c.add("gloss", "#eb001b", cyl(0.055, 0.002, 32), [0.24, -0.17, 0.007], [Math.PI / 2, 0, 0]);
      c.add("gloss", "#f79e1b", cyl(0.055, 0.002, 32), [0.31, -0.17, 0.008], [Math.PI / 2, 0, 0]);
    };
    one(0.05, -0.18, -0.12, "#c9a55a", 0.1);
    one(0, 0.12, 0.1, color, 0);
  },

  atm(p, color) {
    p.add("satin", color, box(0.84, 1.0, 0.7), [0, 0.5, 0]);
    p.add("satin", color, box(0.84, 0.8, 0.42), [0, 1.4, -0.14]);
    p.add("gloss", "#15181c", box(0.84, 0.02, 0.28), [0, 1.01, 0.21]);
    p.add("gloss", "#0c0e11", plane(0.56, 0.44), [0, 1.42, 0.072]);
    p.add("glow", gradient(["#1f6feb", "#0b3a7a"], 0.38), plane(0.5, 0.38, 1), [0, 1.42, 0.074]);
    for (let r = 0; r < 4; r++) for (let c = 0; c < 3; c++) p.add("metal", "#c9ccd1", box(0.045, 0.012, 0.04), [-0.06 + c * 0.06, 1.026, 0.14 + r * 0.05]);
    p.add("glow", "#45d483", box(0.11, 0.018, 0.01), [0.26, 1.2, 0.075]);
    p.add("matte", "#0a0b0c", box(0.38, 0.035, 0.01), [0, 0.82, 0.352]);
    p.add("glow", "#e9f2ff", box(0.84, 0.12, 0.02), [0, 1.72, 0.08]);
    p.add("gloss", shade(color, -0.4), box(0.86, 0.04, 0.72), [0, 0.02, 0]);
  },

  safe(p, color) {
    p.add("satin", color, rbox(0.64, 0.64, 0.6, 0.03), [0, 0.34, 0]);
    p.add("satin", shade(color, 0.12), rbox(0.52, 0.52, 0.03, 0.02), [0, 0.34, 0.3]);
    p.add("metal", "#d8d2c4", new TorusGeometry(0.085, 0.012, 8, 32), [0.06, 0.33, 0.33]);
    for (let i = 0; i < 3; i++) p.add("metal", "#d8d2c4", box(0.17, 0.014, 0.014), [0.06, 0.33, 0.33], [0, 0, (i * Math.PI) / 3]);
    p.add("metal", "#d8d2c4", cyl(0.042, 0.03, 32), [-0.15, 0.46, 0.325], [Math.PI / 2, 0, 0]);
    for (const y of [0.18, 0.5]) p.add("metal", "#9ea3aa", cyl(0.018, 0.08, 12), [-0.27, y, 0.31]);
    for (const x of [-0.26, 0.26]) for (const z of [-0.24, 0.24]) p.add("matte", "#1b1d20", box(0.06, 0.02, 0.06), [x, 0.01, z]);
    // Gold on top: savings, at a glance.
    for (const [x, y, z, yaw] of [[-0.1, 0, 0, 0.1], [0.09, 0, 0.02, -0.1], [0, 0.05, 0.01, 0.05]] as const) p.add("metal", "#d4af37", bar(), [x, 0.66 + y + 0.025, z - 0.05], [0, yaw, 0]);
  },

  house(p, color) {
    const f = p.frame([0, 0, 0], [0, 0.55, 0]);
    f.add("matte", "#7fa86a", box(0.95, 0.03, 0.95), [0, 0.015, 0]);
    f.add("satin", "#f3ede3", box(0.52, 0.34, 0.42), [0, 0.2, 0]);
    f.add("satin", color, prism(0.56, 0.22, 0.62), [0, 0.37, 0], [0, Math.PI / 2, 0]);
    f.add("satin", "#7a5236", box(0.1, 0.17, 0.01), [0, 0.115, 0.212]);
    for (const x of [-0.16, 0.16]) f.add("glow", "#ffd58a", box(0.1, 0.08, 0.01), [x, 0.24, 0.212]);
    for (const z of [-0.1, 0.1]) f.add("glow", "#ffd58a", box(0.01, 0.08, 0.1), [0.262, 0.24, z]);
    f.add("satin", "#9c5b43", box(0.06, 0.16, 0.06), [0.15, 0.5, -0.06]);
    f.add("matte", "#c9c1b2", box(0.12, 0.012, 0.26), [0, 0.036, 0.34]);
    for (const [x, z, s] of [[0.36, 0.3, 1], [-0.36, 0.32, 0.8], [0.35, -0.34, 0.9]] as const) {
      f.add("satin", "#6b4a2f", cyl(0.012, 0.08 * s, 8), [x, 0.07 * s, z]);
      f.add("matte", "#4e8a4a", new IcosahedronGeometry(0.08 * s, 0), [x, 0.15 * s, z]);
    }
  },
};

export const box = (w: number, h: number, d: number) => new BoxGeometry(w, h, d);
export const rbox = (w: number, h: number, d: number, r: number) => new RoundedBoxGeometry(w, h, d, 2, r);
export const cyl = (r: number, h: number, segments = 24) => new CylinderGeometry(r, r, h, segments);
const plane = (w: number, h: number, rows = 1) => new PlaneGeometry(w, h, 1, rows);

/** A triangular roof: `span` wide across x, `height` tall, `length` deep along z, base at y = 0. */
function prism(span: number, height: number, length: number): ExtrudeGeometry {
  const shape = new Shape();
  shape.moveTo(-span / 2, 0);
  shape.lineTo(span / 2, 0);
  shape.lineTo(0, height);
  shape.closePath();
  const g = new ExtrudeGeometry(shape, { depth: length, bevelEnabled: false });
  g.translate(0, 0, -length / 2);
  return g;
}

/** A gold bar: a trapezoid block. */
function bar(): BoxGeometry {
  const g = new BoxGeometry(0.16, 0.05, 0.07);
  const pos = g.attributes.position!;
  for (let i = 0; i < pos.count; i++) if (pos.getY(i) > 0) pos.setXYZ(i, pos.getX(i) * 0.8, pos.getY(i), pos.getZ(i) * 0.75);
  g.computeVertexNormals();
  return g;
}

/** Colours from top to bottom across a panel of `height` (a phone's wallpaper, a TV's picture). */
export function gradient(stops: readonly string[], height: number): Paint {
  const colors = stops.map((s) => new Color(s));
  return (local: Vector3) => {
    const t = Math.min(1, Math.max(0, 0.5 - local.y / height)) * (colors.length - 1);
    const i = Math.min(colors.length - 2, Math.floor(t));
    return colors[i]!.clone().lerp(colors[i + 1]!, t - i);
  };
}
