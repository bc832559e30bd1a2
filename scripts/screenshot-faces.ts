// Looks at the generated digital humans face to face, as a customer at a desk would (about 0.7 m):
// each preset's GLB (built, exported, loaded back by three's GLTFLoader) under the hall's kind of
// light (a studio environment, a key and a fill), with expressions set through the face morphs.
// Writes test-results/look/face-<preset>-<expression>.png, a profile (-profile) and a smiling bust at 1 m
// (-bust: collar, lapels, badge), and a contact sheet face-sheet.png.
// Usage: node scripts/screenshot-faces.ts [--close] [preset ...]   (default: ava kenji amara;
// --close frames eyes and mouth at 0.35 m and writes face-<preset>-<expression>-close.png)
import { startGlbPreviewServer } from "../avatars/glb-preview-server.ts";
import { mkdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { buildAvatar } from "../avatars/build-avatar.ts";
import { exportAvatarGlb } from "../avatars/export-glb.ts";
import { PRESETS, PRESET_NAMES, type PresetName } from "../avatars/presets.ts";
import { launchChromium } from "../e2e/support/browser.ts";

const out = resolve("test-results/look");
const close = process.argv.includes("--close");
const args = process.argv.slice(2).filter((a) => a !== "--close");
const names = (args.length > 0 ? args : ["ava", "kenji", "amara"]) as PresetName[];
for (const name of names) if (!PRESET_NAMES.includes(name)) throw new Error(`no preset ${name}; try ${PRESET_NAMES.join(", ")}`);

/** The expressions a customer sees most: still, smiling, speaking, blinking, surprised, displeased. */
const EXPRESSIONS: Record<string, Record<string, number>> = {
  neutral: {},
  smile: { mouthSmileLeft: 0.9, mouthSmileRight: 0.9, cheekSquintLeft: 0.5, cheekSquintRight: 0.5, eyeSquintLeft: 0.25, eyeSquintRight: 0.25 },
  talk: { jawOpen: 0.22, viseme_aa: 0.55 },
  blink: { eyeBlinkLeft: 1, eyeBlinkRight: 1 },
  surprise: { eyeWideLeft: 1, eyeWideRight: 1, browInnerUp: 1, browOuterUpLeft: 1, browOuterUpRight: 1, jawOpen: 0.4, mouthFunnel: 0.25 },
  frown: { browDownLeft: 1, browDownRight: 1, mouthFrownLeft: 1, mouthFrownRight: 1, mouthPressLeft: 0.4, mouthPressRight: 0.4, noseSneerLeft: 0.3, noseSneerRight: 0.3 },
};

const glbs = new Map<string, Uint8Array>();
for (const name of names) glbs.set(name, await exportAvatarGlb(buildAvatar(PRESETS[name])));

const SIZE = 520;
const page = `<!doctype html><html><head><style>body{margin:0;background:#cfd6dd}</style>
<script type="importmap">{"imports":{"three":"/three/build/three.module.js","three/addons/":"/three/examples/jsm/"}}</script>
</head><body><canvas id="c" width="${SIZE}" height="${SIZE}"></canvas><script type="module">
import * as THREE from "three";
import { GLTFLoader } from "three/addons/loaders/GLTFLoader.js";
import { RoomEnvironment } from "three/addons/environments/RoomEnvironment.js";
const canvas = document.getElementById("c");
const renderer = new THREE.WebGLRenderer({ canvas, antialias: true, preserveDrawingBuffer: true });
renderer.setPixelRatio(1);
renderer.setSize(${SIZE}, ${SIZE}, false);
renderer.toneMapping = THREE.ACESFilmicToneMapping;
renderer.toneMappingExposure = 1.0;
const scene = new THREE.Scene();
scene.background = new THREE.Color("#cfd6dd");
const pmrem = new THREE.PMREMGenerator(renderer);
// The demo bank hall's light (scenes/demo/meridian-bank.ts): a studio environment, a warm sky,
// a high sun from the front left; plus the counter's lamp in front, a little above the face.
scene.environment = pmrem.fromScene(new RoomEnvironment(), 0.04).texture;
scene.environmentIntensity = 0.65;
scene.add(new THREE.HemisphereLight("#fff1dc", "#6a5644", 0.65));
const sun = new THREE.DirectionalLight("#ffe7c7", 1.6); sun.position.set(-7, 18, 10); scene.add(sun);
const lamp = new THREE.DirectionalLight("#ffd9a8", 0.9); lamp.position.set(0.8, 1.2, 2); scene.add(lamp);
const loader = new GLTFLoader();
const avatars = {};
window.load = async (name) => {
  const gltf = await loader.loadAsync("/glb/" + name + ".glb");
  const root = gltf.scene;
  const bones = {};
  root.traverse((o) => { if (o.isBone) bones[o.name] = o; });
  bones.LeftArm.rotation.z = -1.25; bones.RightArm.rotation.z = 1.25;
  let head; root.traverse((o) => { if (o.isMesh && o.morphTargetDictionary && !head) head = o; });
  avatars[name] = { root, bones, head };
};
window.shoot = (name, morphs, yaw, close, bust) => {
  for (const a of Object.values(avatars)) scene.remove(a.root);
  const a = avatars[name];
  scene.add(a.root);
  a.head.morphTargetInfluences.fill(0);
  for (const [k, v] of Object.entries(morphs)) {
    const i = a.head.morphTargetDictionary[k];
    if (i === undefined) throw new Error("missing morph " + k);
    a.head.morphTargetInfluences[i] = v;
  }
  a.root.updateMatrixWorld(true);
  const eye = new THREE.Vector3(); a.bones.LeftEye.getWorldPosition(eye);
  const neck = new THREE.Vector3(); a.bones.Head.getWorldPosition(neck);
  // Framed from the crown to the collar at 0.7 m; "close" is the eyes and mouth at 0.35 m.
  // Turned round the middle of the head (between the eyes and the neck), not the face.
  // "bust" is head and chest at 1 m: the collar, the lapels and the badge.
  const target = bust ? new THREE.Vector3(0, eye.y - 0.17, neck.z) : new THREE.Vector3(0, eye.y - (close ? 0.022 : 0.06), close ? eye.z - 0.01 : (eye.z + neck.z) / 2);
  const cam = new THREE.PerspectiveCamera(close ? 20 : 30, 1, 0.05, 20);
  const dist = close ? 0.35 : bust ? 1.0 : 0.72;
  cam.position.set(Math.sin(yaw) * dist, eye.y + 0.01, target.z + Math.cos(yaw) * dist);
  cam.lookAt(target);
  renderer.render(scene, cam);
};
document.title = "ready";
</script></body></html>`;

const { server, port } = await startGlbPreviewServer(page, glbs);

type Shooter = { load: (name: string) => Promise<void>; shoot: (name: string, morphs: Record<string, number>, yaw: number, close: boolean, bust: boolean) => void };
const browser = await launchChromium();
try {
  const tab = await browser.newPage({ viewport: { width: SIZE, height: SIZE } });
  tab.on("pageerror", (error) => console.error("page error:", error.message));
  await tab.goto(`http://127.0.0.1:${port}/`);
  await tab.waitForFunction(() => document.title === "ready", undefined, { timeout: 120_000 });
  mkdirSync(out, { recursive: true });
  const canvas = tab.locator("#c");
  const shots: string[] = [];
  for (const name of names) {
    await tab.evaluate((n) => (window as unknown as Shooter).load(n), name);
    // The six expressions from slightly to one side, then a profile (is the face more than a mask?).
    type View = [string, Record<string, number>, number, boolean];
    const views: View[] = [...Object.entries(EXPRESSIONS).map(([e, m]): View => [e, m, 0.18, false]), ["profile", {}, 1.45, false], ["bust", EXPRESSIONS.smile!, 0.3, true]];
    for (const [expression, morphs, yaw, bust] of views) {
      if (close && bust) continue;
      await tab.evaluate(([n, m, y, c, b]) => (window as unknown as Shooter).shoot(n, m, y, c, b), [name, morphs, yaw, close, bust] as const);
      const path = join(out, `face-${name}-${expression}${close ? "-close" : ""}.png`);
      await canvas.screenshot({ path });
      shots.push(path);
    }
  }
  // One sheet with every shot, for a quick look (rows: presets; columns: expressions).
  const perRow = shots.length / names.length;
  const sheet = await browser.newPage({ viewport: { width: perRow * 200, height: names.length * 200 } });
  const images = shots.map((p) => `<img src="data:image/png;base64,${readFileSync(p).toString("base64")}" width="200" height="200">`);
  await sheet.setContent(`<body style="margin:0;line-height:0">${images.join("")}</body>`);
  await sheet.screenshot({ path: join(out, `face-sheet${close ? "-close" : ""}.png`) });
  console.warn(`wrote ${shots.length} close-ups and face-sheet.png to ${out}`);
} finally {
  await browser.close();
  server.close();
}
