import type { Scene } from "../scene-format.ts";

const toEntrance = 0;
const toBack = Math.PI;
const east = Math.PI / 2;
const west = -Math.PI / 2;

const marble = { kind: "marble", color: "#ece8e1", accent: "#9c958c", tile: 3, roughness: 0.18 } as const;
const officeCarpet = { kind: "carpet", color: "#6b5b4b", accent: "#584a3d", tile: 1, roughness: 1 } as const;

/**
 * Meridian Bank's advisory hall: a tall, warm banking hall, 28 × 20 m, marble and walnut. A
 * runner leads from the entrance (+z) between two rows of columns to the concierge's
 * reception; product corners for cards, digital banking, mortgages and savings stand in the
 * side aisles, self-service by the left wall, advisers' desks at the back, two glass advisory
 * offices (private audio) in the back corners and a seminar stage under the back wall's screen.
 */
export const meridianBank: Scene = {
  format: 3,
  id: "meridian-bank",
  name: "Meridian Bank",
  bounds: { minX: -14, minZ: -10, maxX: 14, maxZ: 10 },
  wallHeight: 7,
  spawn: { x: 0, z: 6.8, radius: 1.2 },
  spawnPoints: [
    { id: "staff", x: 0, z: -3, ry: toEntrance, radius: 1 },
    { id: "stage", x: 0, z: -8.6, ry: toEntrance, radius: 1 },
  ],
  palette: { floor: "#ece8e1", walls: "#6e4a32", accent: "#0f4c5c", sky: "#efe7dc" },
  materials: {
    floor: marble,
    walls: { kind: "wood-panels", color: "#7a5236", accent: "#4d321f", tile: 2.4, roughness: 0.55 },
    backWall: { kind: "marble", color: "#efe9df", accent: "#b59a6a", tile: 3.5, roughness: 0.2 },
    ceiling: { color: "#f4efe6", lightPanels: true },
    areas: [
      { rect: { minX: -1.4, minZ: 2.3, maxX: 1.4, maxZ: 9.6 }, material: { kind: "carpet", color: "#0f4c5c", accent: "#0b3a47", tile: 1.2, roughness: 1 } },
      { rect: { minX: -14, minZ: -10, maxX: -10.05, maxZ: -5.55 }, material: officeCarpet },
      { rect: { minX: 10.05, minZ: -10, maxX: 14, maxZ: -5.55 }, material: officeCarpet },
      { rect: { minX: -3.4, minZ: -9.8, maxX: 3.4, maxZ: -7.4 }, material: { kind: "wood-planks", color: "#6d4a32", accent: "#3e2818", tile: 2, roughness: 0.45 } },
    ],
  },
  lighting: {
    exposure: 1.0,
    environment: 0.65,
    lights: [
      { kind: "hemisphere", sky: "#fff1dc", ground: "#6a5644", intensity: 0.65 },
      { kind: "sun", color: "#ffe7c7", intensity: 1.6, from: { x: -7, y: 18, z: 10 }, shadows: true },
      { kind: "spot", color: "#ffd9a8", intensity: 160, at: { x: 0, y: 6.6, z: 4.5 }, target: { x: 0, y: 1, z: 0.6 }, angle: 0.55, penumbra: 0.7 },
    ],
  },
  blocks: [],
  zones: [
    { id: "office-1", kind: "private", label: "Advisory office 1", rect: { minX: -14, minZ: -10, maxX: -10, maxZ: -5.5 } },
    { id: "office-2", kind: "private", label: "Advisory office 2", rect: { minX: 10, minZ: -10, maxX: 14, maxZ: -5.5 } },
    { id: "seminar", kind: "stage", label: "Seminar stage", rect: { minX: -3.4, minZ: -9.8, maxX: 3.4, maxZ: -7.4 } },
  ],
  booths: [
    {
      id: "platinum-card",
      label: "Platinum Card",
      description: "No foreign-transaction fees, airport lounges and 1% back on everything you spend.",
      kbArticleId: "kb-platinum-card",
      at: { x: -8, z: 3.2 },
      rotation: east,
      size: { x: 1.0, y: 1.0, z: 1.0 },
      stand: "plinth",
      product: { kind: "procedural", model: "card", color: "#1c2b3a" },
    },
    {
      id: "mobile-banking",
      label: "Meridian App",
      description: "Pay, save and invest from your phone; freeze a card in one tap; talk to an adviser by video.",
      kbArticleId: "kb-meridian-app",
      at: { x: -8, z: -0.6 },
      rotation: east,
      size: { x: 1.0, y: 1.0, z: 1.0 },
      stand: "plinth",
      product: { kind: "procedural", model: "phone", color: "#0f4c5c" },
    },
    {
      id: "home-loans",
      label: "Home Loans",
      description: "Fixed or tracker mortgages from 3.9% APR; an agreement in principle in 20 minutes.",
      kbArticleId: "kb-home-loans",
      at: { x: 8, z: 3.2 },
      rotation: west,
      size: { x: 1.2, y: 0.8, z: 1.2 },
      stand: "plinth",
      product: { kind: "procedural", model: "house", color: "#c9b08a" },
    },
    {
      id: "savings",
      label: "Savings & Deposits",
      description: "Instant-access saver at 4.1% AER and fixed-term deposits from one to five years.",
      kbArticleId: "kb-savings",
      at: { x: 8, z: -0.6 },
      rotation: west,
      size: { x: 1.0, y: 0.7, z: 1.0 },
      stand: "plinth",
      product: { kind: "procedural", model: "safe", color: "#5d6770" },
    },
    {
      id: "self-service",
      label: "Self-service",
      description: "Cash, deposits and statements around the clock; contactless withdrawals with your phone.",
      kbArticleId: "kb-self-service",
      at: { x: -13.35, z: 6.2 },
      rotation: east,
      size: { x: 1.0, y: 0.06, z: 0.9 },
      stand: "plinth",
      product: { kind: "procedural", model: "atm", color: "#2e3a44" },
    },
    {
      id: "investing",
      label: "Investing",
      description: "Ready-made portfolios from £50 a month, with a yearly review by your adviser.",
      kbArticleId: "kb-investing",
      at: { x: 13.2, z: 6.2 },
      rotation: west,
      size: { x: 1.0, y: 1.0, z: 1.0 },
      stand: "plinth",
      product: { kind: "procedural", model: "tablet", color: "#2f3338" },
    },
  ],
  screens: [
    { id: "seminar", label: "Money talks", at: { x: 0, z: -9.96 }, y: 3.1, width: 5.6, aspect: 16 / 9, rotation: toEntrance, mount: "wall" },
    { id: "rates", label: "Today's rates", at: { x: 13.96, z: 1.3 }, y: 3.2, width: 3, aspect: 16 / 9, rotation: west, mount: "wall" },
    { id: "office-1", label: "Advisory office", at: { x: -12, z: -9.96 }, y: 1.8, width: 2, aspect: 16 / 9, rotation: toEntrance, mount: "wall" },
  ],
  whiteboards: [
    { id: "seminar", label: "Seminar board", at: { x: 4.6, z: -8.6 }, y: 1.45, width: 1.8, aspect: 1.5, rotation: -0.45, mount: "stand" },
    { id: "office-2", label: "Office board", at: { x: 12, z: -9.96 }, y: 1.55, width: 2.2, aspect: 1.6, rotation: toEntrance, mount: "wall" },
  ],
  agentDesks: [
    { id: "adviser-1", label: "Adviser 1", at: { x: -6.6, z: -6.8 }, rotation: toEntrance },
    { id: "adviser-2", label: "Adviser 2", at: { x: 6.6, z: -6.8 }, rotation: toEntrance },
    { id: "adviser-3", label: "Business desk", at: { x: -13.1, z: -2.2 }, rotation: east },
  ],
  reception: { label: "Reception", at: { x: 0, z: 0.6 }, rotation: toEntrance },
  signage: [
    { text: "MERIDIAN BANK", subtitle: "Advisory hall · since 1893", at: { x: 0, z: -9.97 }, y: 5.7, width: 8.5, height: 1.3, rotation: toEntrance, style: "wall", color: "#0f4c5c", textColor: "#f3e3c3" },
    { text: "Welcome", subtitle: "Our concierge will guide you", at: { x: 0, z: -0.16 }, y: 2.15, width: 3.4, height: 1.0, rotation: toEntrance, style: "wall", color: "#0f4c5c", textColor: "#f3e3c3" },
    { text: "Cards & Digital", at: { x: -8, z: 1.3 }, y: 4.8, width: 3.2, height: 0.65, rotation: east, style: "hanging", color: "#f7f1e6", textColor: "#0f4c5c" },
    { text: "Home & Savings", at: { x: 8, z: 1.3 }, y: 4.8, width: 3.2, height: 0.65, rotation: west, style: "hanging", color: "#f7f1e6", textColor: "#0f4c5c" },
    { text: "Advice", subtitle: "Meet your adviser", at: { x: -6.6, z: -5.2 }, y: 3.7, width: 2.4, height: 0.7, rotation: toEntrance, style: "hanging", color: "#f7f1e6", textColor: "#0f4c5c" },
    { text: "Advice", subtitle: "Meet your adviser", at: { x: 6.6, z: -5.2 }, y: 3.7, width: 2.4, height: 0.7, rotation: toEntrance, style: "hanging", color: "#f7f1e6", textColor: "#0f4c5c" },
    { text: "Advisory office 1", at: { x: -9.94, z: -6.2 }, y: 2.0, width: 1.4, height: 0.38, rotation: east, style: "wall", color: "#0f4c5c", textColor: "#f3e3c3" },
    { text: "Advisory office 2", at: { x: 9.94, z: -6.2 }, y: 2.0, width: 1.4, height: 0.38, rotation: west, style: "wall", color: "#0f4c5c", textColor: "#f3e3c3" },
    { text: "24h", subtitle: "Self-service", at: { x: -13.94, z: 6.2 }, y: 2.6, width: 1.2, height: 0.6, rotation: east, style: "wall", color: "#0f4c5c", textColor: "#f3e3c3" },
    { text: "Meridian", subtitle: "Open Mon–Sat 9:00–17:00", at: { x: 2.4, z: 8.8 }, y: 1.2, width: 0.9, height: 2.0, rotation: toBack, style: "totem", color: "#0f4c5c", textColor: "#f3e3c3" },
  ],
  partitions: [
    // Office 1: glass on two sides, door on its east side facing the hall.
    { from: { x: -14, z: -5.5 }, to: { x: -10, z: -5.5 }, height: 2.8, kind: "glass" },
    { from: { x: -10, z: -5.5 }, to: { x: -10, z: -6.6 }, height: 2.8, kind: "glass" },
    { from: { x: -10, z: -8.0 }, to: { x: -10, z: -10 }, height: 2.8, kind: "glass" },
    // Office 2, mirrored.
    { from: { x: 10, z: -5.5 }, to: { x: 14, z: -5.5 }, height: 2.8, kind: "glass" },
    { from: { x: 10, z: -5.5 }, to: { x: 10, z: -6.6 }, height: 2.8, kind: "glass" },
    { from: { x: 10, z: -8.0 }, to: { x: 10, z: -10 }, height: 2.8, kind: "glass" },
  ],
  obstacles: [
    // The colonnade either side of the runner.
    { rect: { minX: -4.95, minZ: 4.05, maxX: -4.05, maxZ: 4.95 }, look: "pillar" },
    { rect: { minX: 4.05, minZ: 4.05, maxX: 4.95, maxZ: 4.95 }, look: "pillar" },
    { rect: { minX: -4.95, minZ: -3.95, maxX: -4.05, maxZ: -3.05 }, look: "pillar" },
    { rect: { minX: 4.05, minZ: -3.95, maxX: 4.95, maxZ: -3.05 }, look: "pillar" },
    // Waiting benches by the entrance, and office tables.
    { rect: { minX: -9.2, minZ: 7.4, maxX: -6.8, maxZ: 7.95 }, look: "bench" },
    { rect: { minX: 6.8, minZ: 7.4, maxX: 9.2, maxZ: 7.95 }, look: "bench" },
    { rect: { minX: -12.6, minZ: -8.4, maxX: -11.4, maxZ: -7.4 }, look: "table" },
    { rect: { minX: 11.4, minZ: -8.4, maxX: 12.6, maxZ: -7.4 }, look: "table" },
    { rect: { minX: -13.6, minZ: 9.2, maxX: -12.9, maxZ: 9.9 }, look: "planter" },
    { rect: { minX: 12.9, minZ: 9.2, maxX: 13.6, maxZ: 9.9 }, look: "planter" },
    { rect: { minX: -3.9, minZ: -9.9, maxX: -3.2, maxZ: -9.2 }, look: "planter" },
    { rect: { minX: -4.0, minZ: -0.8, maxX: -3.3, maxZ: -0.1 }, look: "planter" },
    { rect: { minX: 3.3, minZ: -0.8, maxX: 4.0, maxZ: -0.1 }, look: "planter" },
  ],
};
