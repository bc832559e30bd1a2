/**
 * Renders the presets with three.js in headless Chromium and writes PNGs, for looking at
 * the avatars (ugly is a bug). Usage:
 *   node avatars/render-preview.ts [outDir=test-results/avatar-preview] [preset ...]
 * Needs /usr/bin/chromium and playwright-core (dev dependency). Not part of the library.
 */
import { startGlbPreviewServer } from "./glb-preview-server.ts";
import { mkdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { chromium } from "playwright-core";
import { buildAvatar } from "./build-avatar.ts";
import { exportAvatarGlb } from "./export-glb.ts";
import { PRESETS, PRESET_NAMES, type PresetName } from "./presets.ts";

const outDir = resolve(process.argv[2] ?? "test-results/avatar-preview");
const names = (process.argv.length > 3 ? process.argv.slice(3) : PRESET_NAMES) as PresetName[];

const glbs = new Map<string, Uint8Array>();
for (const name of names) glbs.set(name, await exportAvatarGlb(buildAvatar(PRESETS[name])));

const page = `<!doctype html><html><head><style>body{margin:0;background:#d9dde3}</style>
<script type="importmap">{"imports":{"three":"/three/build/three.module.js","three/addons/":"/three/examples/jsm/"}}</script>
</head><body><canvas id="c"></canvas><script type="module">
import * as THREE from "three";
import { GLTFLoader } from "three/addons/loaders/GLTFLoader.js";
const names = ${JSON.stringify(names)};
const loader = new GLTFLoader();
const avatars = [];
for (const name of names) {
  const gltf = await loader.loadAsync("/glb/" + name + ".glb");
  const root = gltf.scene;
  const bones = {};
  root.traverse((o) => { if (o.isBone) bones[o.name] = o; });
  bones.LeftArm.rotation.z = -1.2; bones.RightArm.rotation.z = 1.2;
  bones.LeftForeArm.rotation.y = -0.25; bones.RightForeArm.rotation.y = 0.25;
  const head = root.getObjectByName("Wolf3D_Head");
  avatars.push({ name, root, bones, head });
}
const canvas = document.getElementById("c");
const renderer = new THREE.WebGLRenderer({ canvas, antialias: true, preserveDrawingBuffer: true });
renderer.toneMapping = THREE.ACESFilmicToneMapping;
renderer.setScissorTest(true);
function scene(root) {
  const s = new THREE.Scene();
  s.background = new THREE.Color("#d9dde3");
  s.add(new THREE.HemisphereLight("#ffffff", "#8a7a6a", 1.6));
  const key = new THREE.DirectionalLight("#fff4e8", 2.4); key.position.set(1.5, 2.5, 3); s.add(key);
  const fill = new THREE.DirectionalLight("#e8f0ff", 0.9); fill.position.set(-2, 1.2, 1.5); s.add(fill);
  s.add(root);
  return s;
}
function setMorphs(head, weights) {
  head.morphTargetInfluences.fill(0);
  for (const [k, v] of Object.entries(weights)) {
    const i = head.morphTargetDictionary[k];
    if (i === undefined) throw new Error("missing morph " + k);
    head.morphTargetInfluences[i] = v;
  }
}
window.renderGrid = (view) => {
  const cells = [];
  if (view === "bodies") for (const a of avatars) cells.push({ a, morphs: {}, full: true, yaw: 0.35 });
  if (view === "backs") for (const a of avatars) cells.push({ a, morphs: {}, full: true, yaw: 2.6 });
  if (view === "faces") for (const a of avatars) cells.push({ a, morphs: {}, full: false, yaw: 0.25 });
  if (view === "profiles") for (const a of avatars) cells.push({ a, morphs: {}, full: false, yaw: 1.35 });
  const expressions = [{}, { jawOpen: 1 }, { mouthSmileLeft: 1, mouthSmileRight: 1 }, { eyeBlinkLeft: 1, eyeBlinkRight: 1 },
    { viseme_aa: 1 }, { viseme_U: 1 }, { jawOpen: 0.6, tongueOut: 1 }, { eyeLookUpLeft: 1, eyeLookUpRight: 1, browInnerUp: 1 },
    { eyeLookInLeft: 1, eyeLookInRight: 1, mouthFrownLeft: 1, mouthFrownRight: 1, browDownLeft: 1, browDownRight: 1 },
    { eyeBlinkLeft: 0.5, eyeBlinkRight: 0.5 }];
  if (view === "expressions") for (const a of avatars.slice(0, 3)) for (const m of expressions) cells.push({ a, morphs: m, full: false, yaw: 0.15 });
  const cols = view === "expressions" ? expressions.length : Math.min(cells.length, 5);
  const w = view === "expressions" ? 220 : 300, h = (view === "bodies" || view === "backs") ? 560 : view === "expressions" ? 240 : 320;
  const rows = Math.ceil(cells.length / cols);
  renderer.setSize(cols * w, rows * h, false);
  canvas.style.width = cols * w + "px"; canvas.style.height = rows * h + "px";
  cells.forEach((cell, i) => {
    const x = (i % cols) * w, y = (rows - 1 - Math.floor(i / cols)) * h;
    renderer.setViewport(x, y, w, h); renderer.setScissor(x, y, w, h);
    const { a } = cell;
    setMorphs(a.head, cell.morphs);
    const s = scene(a.root);
    a.root.updateMatrixWorld(true);
    const headPos = new THREE.Vector3(); a.bones.Head.getWorldPosition(headPos);
    const cam = new THREE.PerspectiveCamera(cell.full ? 30 : 22, w / h, 0.05, 50);
    const target = cell.full ? new THREE.Vector3(0, headPos.y * 0.55, 0) : headPos.clone().add(new THREE.Vector3(0, 0.07, 0.02));
    const dist = cell.full ? 3.9 : 0.75;
    cam.position.set(target.x + Math.sin(cell.yaw) * dist, target.y + (cell.full ? 0.15 : 0.02), target.z + Math.cos(cell.yaw) * dist);
    cam.lookAt(target);
    renderer.render(s, cam);
  });
  return { width: cols * w, height: rows * h };
};
document.title = "ready";
</script></body></html>`;

const { server, port } = await startGlbPreviewServer(page, glbs);

const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  headless: true,
  args: ["--no-sandbox", "--disable-gpu", "--use-angle=swiftshader", "--enable-unsafe-swiftshader", "--disable-background-networking"],
});
try {
  const tab = await browser.newPage();
  tab.on("pageerror", (error) => console.error("page error:", error.message));
  await tab.goto(`http://127.0.0.1:${port}/`);
  await tab.waitForFunction(() => document.title === "ready", undefined, { timeout: 120_000 });
  mkdirSync(outDir, { recursive: true });
  for (const view of ["bodies", "backs", "faces", "profiles", "expressions"]) {
    const size = await tab.evaluate((v) => (window as unknown as { renderGrid: (v: string) => { width: number; height: number } }).renderGrid(v), view);
    await tab.setViewportSize(size);
    await tab.locator("#c").screenshot({ path: join(outDir, `${view}.png`) });
    console.warn(`wrote ${join(outDir, `${view}.png`)}`);
  }
} finally {
  await browser.close();
  server.close();
}
