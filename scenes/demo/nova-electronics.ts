import type { Scene } from "../scene-format.ts";

// Which way a thing faces (its `rotation`): towards the entrance (+z), the back wall (−z), east (+x), west (−x).
const toEntrance = 0;
const toBack = Math.PI;
const west = -Math.PI / 2;

/**
 * Nova Electronics: a bright consumer-electronics store, 28 × 18 m. Visitors come in at the
 * front (+z) with the concierge's reception ahead on the left; phones and computers at the
 * back left, wearables at the front left, TV and sound on the right, the support bar at the
 * back right, a glass consultation room in the front right corner, and a stage under the
 * video wall at the back.
 *
 * The walk from the entrance to the consultation room's door, and the cross aisle between
 * the reception and the wearables, are kept free: the browser tests walk there.
 */
export const novaElectronics: Scene = {
  format: 3,
  id: "nova-electronics",
  name: "Nova Electronics",
  bounds: { minX: -14, minZ: -9, maxX: 14, maxZ: 9 },
  wallHeight: 6,
  spawn: { x: 0, z: 4.5, radius: 1.5 },
  spawnPoints: [
    { id: "staff", x: 13.3, z: -4.8, ry: west, radius: 0.5 },
    { id: "stage", x: 0, z: -7.4, ry: toEntrance, radius: 1 },
  ],
  palette: { floor: "#d9d6d0", walls: "#f2f1ee", accent: "#1f6feb", sky: "#e8edf2" },
  materials: {
    floor: { kind: "terrazzo", color: "#c4c0b9", accent: "#85817a", tile: 3, roughness: 0.32 },
    walls: { kind: "plaster", color: "#f4f3f0", accent: "#e6e4df", tile: 3, roughness: 0.9 },
    backWall: { kind: "wood-panels", color: "#b98b5e", accent: "#7a5236", tile: 2.4, roughness: 0.6 },
    ceiling: { color: "#fafafa", lightPanels: true },
    areas: [
      // An oak walkway from the door to the stage; oak under the wearables lounge; a dark stage;
      // a quiet carpet in the consultation room; pale tiles at the support bar.
      { rect: { minX: -1.8, minZ: -6.2, maxX: 1.8, maxZ: 9 }, material: { kind: "wood-planks", color: "#d2ad82", accent: "#96714c", tile: 2.4, roughness: 0.5 } },
      { rect: { minX: -11.5, minZ: 5.2, maxX: -4.2, maxZ: 8.2 }, material: { kind: "wood-planks", color: "#c49a6c", accent: "#8a6340", tile: 2, roughness: 0.55 } },
      { rect: { minX: -3.5, minZ: -8.7, maxX: 3.5, maxZ: -6.2 }, material: { kind: "wood-planks", color: "#5b4030", accent: "#2e1f16", tile: 2, roughness: 0.5 } },
      { rect: { minX: 9.55, minZ: 4.55, maxX: 14, maxZ: 9 }, material: { kind: "carpet", color: "#35506b", accent: "#2a4158", tile: 1, roughness: 1 } },
      { rect: { minX: 10.2, minZ: -8.6, maxX: 14, maxZ: -1.6 }, material: { kind: "tiles", color: "#e9eef3", accent: "#c3ccd6", tile: 1.2, roughness: 0.4 } },
    ],
  },
  lighting: {
    exposure: 1.05,
    environment: 0.75,
    lights: [
      { kind: "hemisphere", sky: "#ffffff", ground: "#b8ae9f", intensity: 1.0 },
      { kind: "sun", color: "#fff3e2", intensity: 1.6, from: { x: 7, y: 16, z: 9 }, shadows: true },
      { kind: "spot", color: "#ffffff", intensity: 120, at: { x: 0, y: 5.8, z: -3.5 }, target: { x: 0, y: 0.5, z: -7.4 }, angle: 0.6, penumbra: 0.6 },
    ],
  },
  blocks: [],
  zones: [
    { id: "booth-1", kind: "private", label: "Consultation room", rect: { minX: 9.5, minZ: 4.5, maxX: 14, maxZ: 9 } },
    { id: "stage", kind: "stage", label: "Stage", rect: { minX: -3.5, minZ: -8.7, maxX: 3.5, maxZ: -6.2 } },
  ],
  booths: [
    {
      id: "nova-phone-12",
      label: "Nova Phone 12",
      description: "6.3-inch OLED, 50 MP triple camera, two-day battery. In graphite, silver and ocean blue.",
      kbArticleId: "kb-nova-phone-12",
      at: { x: -6.2, z: -3.6 },
      rotation: toEntrance,
      size: { x: 2.2, y: 0.9, z: 1.0 },
      stand: "table",
      product: { kind: "procedural", model: "phone", color: "#2b3a55" },
    },
    {
      id: "novabook-air",
      label: "NovaBook Air 14",
      description: "1.1 kg, 18-hour battery, a 14-inch 2.8K display and a fanless chip that stays silent.",
      kbArticleId: "kb-novabook-air",
      at: { x: -10.6, z: -3.6 },
      rotation: toEntrance,
      size: { x: 2.2, y: 0.9, z: 1.0 },
      stand: "table",
      product: { kind: "procedural", model: "laptop", color: "#b9bcc2" },
    },
    {
      id: "nova-tab",
      label: "Nova Tab 11",
      description: "An 11-inch tablet with pen support for notes, sketches and streaming on the go.",
      kbArticleId: "kb-nova-tab",
      at: { x: -8.4, z: -6.6 },
      rotation: toEntrance,
      size: { x: 2.0, y: 0.9, z: 1.0 },
      stand: "table",
      product: { kind: "procedural", model: "tablet", color: "#3d3f45" },
    },
    {
      id: "nova-watch",
      label: "Nova Watch S",
      description: "Heart rate, sleep and GPS workouts; seven days on a charge; swim-proof to 50 m.",
      kbArticleId: "kb-nova-watch",
      at: { x: -6.0, z: 6.6 },
      rotation: 1.35,
      size: { x: 0.9, y: 1.0, z: 0.9 },
      stand: "plinth",
      product: { kind: "procedural", model: "watch", color: "#e46a4f" },
    },
    {
      id: "nova-buds-max",
      label: "Nova Buds Max",
      description: "Over-ear headphones with adaptive noise cancelling and 40 hours of music.",
      kbArticleId: "kb-nova-buds-max",
      at: { x: -9.6, z: 6.6 },
      rotation: 1.45,
      size: { x: 0.9, y: 1.0, z: 0.9 },
      stand: "plinth",
      product: { kind: "procedural", model: "headphones", color: "#d9d4cc" },
    },
    {
      id: "vista-oled-65",
      label: "Vista OLED 65",
      description: "65-inch 4K OLED at 120 Hz with Dolby Vision; thin enough to hang like a picture.",
      kbArticleId: "kb-vista-oled-65",
      at: { x: 6.8, z: -4.4 },
      rotation: toEntrance,
      size: { x: 2.6, y: 0.5, z: 0.7 },
      stand: "counter",
      product: { kind: "procedural", model: "tv", color: "#1a1c20" },
    },
    {
      id: "pulse-speaker",
      label: "Pulse Home",
      description: "A room-filling smart speaker that tunes itself to your walls; pairs for stereo.",
      kbArticleId: "kb-pulse-speaker",
      at: { x: 5.2, z: 1.2 },
      rotation: west,
      size: { x: 0.9, y: 0.8, z: 0.9 },
      stand: "plinth",
      product: { kind: "procedural", model: "speaker", color: "#4a5560" },
    },
    {
      id: "aperture-z",
      label: "Aperture Z50",
      description: "A compact mirrorless camera: 26 MP, 4K video, and a flip screen for vlogging.",
      kbArticleId: "kb-aperture-z50",
      at: { x: 8.2, z: 1.2 },
      rotation: toEntrance,
      size: { x: 0.9, y: 1.0, z: 0.9 },
      stand: "plinth",
      product: { kind: "procedural", model: "camera", color: "#202226" },
    },
  ],
  screens: [
    { id: "video-wall", label: "Nova Live", at: { x: 0, z: -8.96 }, y: 2.75, width: 6.4, aspect: 16 / 9, rotation: toEntrance, mount: "wall" },
    { id: "support", label: "Support queue", at: { x: 13.96, z: -4.8 }, y: 3.6, width: 3, aspect: 16 / 9, rotation: west, mount: "wall" },
    { id: "consult-1", label: "Consultation", at: { x: 11.9, z: 8.96 }, y: 1.75, width: 2.2, aspect: 16 / 9, rotation: toBack, mount: "wall" },
  ],
  whiteboards: [
    { id: "support", label: "Support board", at: { x: 9.4, z: -8.1 }, y: 1.45, width: 1.8, aspect: 1.5, rotation: toEntrance, mount: "stand" },
    { id: "consult-1", label: "Consultation board", at: { x: 13.96, z: 6.3 }, y: 1.5, width: 2, aspect: 1.6, rotation: west, mount: "wall" },
  ],
  agentDesks: [
    { id: "support-1", label: "Support 1", at: { x: 12.9, z: -3.2 }, rotation: west },
    { id: "support-2", label: "Support 2", at: { x: 12.9, z: -6.4 }, rotation: west },
  ],
  reception: { label: "Reception", at: { x: -5.2, z: 0.4 }, rotation: toEntrance },
  signage: [
    { text: "NOVA ELECTRONICS", at: { x: 0, z: -8.97 }, y: 5.2, width: 7.5, height: 0.9, rotation: toEntrance, style: "wall", color: "#111418", textColor: "#ffffff" },
    { text: "Welcome to Nova", subtitle: "Ask our concierge anything", at: { x: -5.2, z: -0.36 }, y: 2.1, width: 3.4, height: 1.0, rotation: toEntrance, style: "wall", color: "#1f6feb", textColor: "#ffffff" },
    { text: "Phones & Computing", at: { x: -8.4, z: -1.8 }, y: 4.4, width: 3.2, height: 0.6, rotation: toEntrance, style: "hanging", color: "#ffffff", textColor: "#111418" },
    { text: "Wearables & Audio", at: { x: -7.8, z: 4.9 }, y: 4.4, width: 3.2, height: 0.6, rotation: toEntrance, style: "hanging", color: "#ffffff", textColor: "#111418" },
    { text: "TV & Sound", at: { x: 6.6, z: -1.4 }, y: 4.4, width: 2.8, height: 0.6, rotation: toEntrance, style: "hanging", color: "#ffffff", textColor: "#111418" },
    { text: "Nova Support", subtitle: "Repairs · set-up · trade-in", at: { x: 10.6, z: -4.8 }, y: 4.4, width: 3.0, height: 0.75, rotation: west, style: "hanging", color: "#1f6feb", textColor: "#ffffff" },
    { text: "Private consultation", subtitle: "Book a one-to-one", at: { x: 9.44, z: 7.8 }, y: 1.85, width: 1.7, height: 0.6, rotation: west, style: "wall", color: "#1f6feb", textColor: "#ffffff" },
    // Campaign graphics on the side walls, above the shelving.
    { text: "The new Nova Phone 12", subtitle: "Brighter screen. Two-day battery.", at: { x: -13.96, z: -5 }, y: 3.8, width: 5.4, height: 1.5, rotation: Math.PI / 2, style: "wall", color: "#2b3a55", textColor: "#ffffff" },
    { text: "Hear every detail", subtitle: "Nova Buds Max · adaptive noise cancelling", at: { x: -13.96, z: 5 }, y: 3.8, width: 5.4, height: 1.5, rotation: Math.PI / 2, style: "wall", color: "#e46a4f", textColor: "#ffffff" },
    { text: "Trade in. Trade up.", subtitle: "Up to 400 € for your old phone", at: { x: 13.96, z: 1.6 }, y: 3.6, width: 4.6, height: 1.4, rotation: west, style: "wall", color: "#5b3fd9", textColor: "#ffffff" },
    { text: "Nova", subtitle: "Open daily 9:00–21:00", at: { x: -3.6, z: 7.6 }, y: 1.2, width: 0.9, height: 2.0, rotation: toEntrance, style: "totem", color: "#111418", textColor: "#ffffff" },
  ],
  partitions: [
    { from: { x: 9.5, z: 4.5 }, to: { x: 14, z: 4.5 }, height: 2.6, kind: "glass" },
    { from: { x: 9.5, z: 4.5 }, to: { x: 9.5, z: 5.2 }, height: 2.6, kind: "glass" },
    { from: { x: 9.5, z: 6.6 }, to: { x: 9.5, z: 9 }, height: 2.6, kind: "glass" },
  ],
  obstacles: [
    // Accessory walls: shelving along the left wall and the back wall behind the phones.
    { rect: { minX: -14, minZ: -8.4, maxX: -13.45, maxZ: -1.5 }, look: "shelf" },
    { rect: { minX: -14, minZ: 1.8, maxX: -13.45, maxZ: 8.2 }, look: "shelf" },
    { rect: { minX: -13.4, minZ: -9, maxX: -4.6, maxZ: -8.45 }, look: "shelf" },
    { rect: { minX: 5.6, minZ: -2.2, maxX: 8.0, maxZ: -1.7 }, look: "bench" },
    { rect: { minX: 11.4, minZ: 7.1, maxX: 12.4, maxZ: 7.9 }, look: "table" },
    { rect: { minX: -4.7, minZ: -8.9, maxX: -4.0, maxZ: -8.2 }, look: "planter" },
    { rect: { minX: 4.0, minZ: -8.9, maxX: 4.7, maxZ: -8.2 }, look: "planter" },
    { rect: { minX: 2.9, minZ: 8.2, maxX: 3.6, maxZ: 8.9 }, look: "planter" },
    { rect: { minX: -13.4, minZ: 8.3, maxX: -12.7, maxZ: 9 }, look: "planter" },
  ],
};
