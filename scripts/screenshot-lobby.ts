// Looks at the lobby's avatar picker as a visitor would: a preset with a slider changed, an
// upload accepted with warnings, an upload refused, a phone-sized screen, and the uploaded avatar
// in the hall. Starts the built product; writes test-results/look/lobby-*.png. Usage: node scripts/screenshot-lobby.ts
import { mkdirSync, writeFileSync } from "node:fs";
import type { Page } from "playwright-core";
import { buildAvatar } from "../avatars/build-avatar.ts";
import { exportAvatarGlb } from "../avatars/export-glb.ts";
import { readGlb, writeGlb } from "../avatars/glb-container.ts";
import { PRESETS } from "../avatars/presets.ts";
import { launchChromium } from "../e2e/support/browser.ts";
import { walkTo } from "../e2e/support/hall-page.ts";
import { startProductServer } from "../e2e/support/product-server.ts";

type Json = { nodes: { name?: string }[]; meshes: { extras?: unknown }[] };
const out = "test-results/look";
mkdirSync(out, { recursive: true });

/** A generated avatar's GLB with its JSON edited, standing in for a user's export. */
const variant = async (edit: (json: Json) => void): Promise<Buffer> => {
  const { json, bin } = readGlb(await exportAvatarGlb(buildAvatar({ ...PRESETS.walter, topColor: "#b5533f" })));
  edit(json as Json);
  return Buffer.from(writeGlb(json, bin));
};
const noFace = await variant((json) => json.meshes.forEach((m) => delete m.extras));
const noForearm = await variant((json) => {
  json.nodes.find((n) => n.name === "LeftForeArm")!.name = "LeftLowerArm";
});

const server = await startProductServer();
const browser = await launchChromium();
const settle = (page: Page) => page.waitForTimeout(2500); // the preview follows after a pause and turns
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
  await page.goto(`${server.url}/hall/demo`);
  await page.getByLabel("Display name").fill("Ada");
  await page.getByRole("button", { name: "Sofia" }).click();
  await page.getByRole("slider", { name: "Skin tone" }).fill("0.35");
  await page.getByRole("combobox", { name: "Hair" }).selectOption("bun");
  await settle(page);
  writeFileSync(`${out}/lobby-picker.png`, await page.screenshot());

  const upload = page.getByLabel(/Upload (your own|another) \(\.glb\)/);
  await upload.setInputFiles({ name: "my-avatar.glb", mimeType: "model/gltf-binary", buffer: noFace });
  await page.getByText("Using my-avatar.glb.").waitFor({ timeout: 30_000 });
  await settle(page);
  writeFileSync(`${out}/lobby-upload-warnings.png`, await page.screenshot());

  await upload.setInputFiles({ name: "broken-rig.glb", mimeType: "model/gltf-binary", buffer: noForearm });
  await page.getByRole("alert").waitFor();
  writeFileSync(`${out}/lobby-upload-refused.png`, await page.screenshot());

  const phone = await browser.newPage({ viewport: { width: 390, height: 844 } });
  await phone.goto(`${server.url}/hall/demo`);
  await phone.getByLabel("Display name").fill("Bea");
  await settle(phone);
  writeFileSync(`${out}/lobby-phone.png`, await phone.screenshot({ fullPage: true }));
  await phone.close();
  // In the hall: Ada (the uploaded GLB) stops ahead of Bea (a preset) and turns to face her.
  const bea = await browser.newPage({ viewport: { width: 1280, height: 720 } });
  await bea.goto(`${server.url}/hall/demo`);
  await bea.getByLabel("Display name").fill("Bea");
  await bea.getByRole("button", { name: "Amara" }).click();
  for (const p of [page, bea]) {
    await p.getByRole("button", { name: "Enter the hall" }).click();
    // Only the look matters here, not voice: being in the hall is enough.
    await p.waitForFunction(() => window.atrium !== undefined, undefined, { timeout: 30_000 });
  }
  await walkTo(page, 0, -1.5);
  await page.keyboard.down("KeyA");
  await page.waitForTimeout(1300);
  await page.keyboard.up("KeyA");
  await walkTo(bea, 0, 1.2);
  await bea.waitForTimeout(2000);
  writeFileSync(`${out}/lobby-hall-uploaded.png`, await bea.screenshot());
  console.log(`screenshots in ${out}/`);
} finally {
  await browser.close();
  await server.stop();
}
