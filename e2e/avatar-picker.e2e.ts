import { createHash } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildAvatar } from "../avatars/build-avatar.ts";
import { exportAvatarGlb } from "../avatars/export-glb.ts";
import { PRESETS } from "../avatars/presets.ts";
import { launchChromium } from "./support/browser.ts";
import { eventually } from "./support/hall-page.ts";
import { startProductServer, type ProductServer } from "./support/product-server.ts";

/**
 * The lobby's avatar picker: a look chosen there (preset + sliders, or an uploaded GLB) is what
 * other visitors receive, and the browser remembers it for the next visit.
 */
let server: ProductServer;
let browser: Browser;
let ada: Page;
let bob: Page;
const shots = "test-results/e2e";

const remoteAvatars = (page: Page) => page.evaluate(() => [...window.atrium!.presence.remotes.values()].map((r) => ({ name: r.name, avatar: r.avatar })));
/**
 * In once presence has joined: the look travels with presence, so voice (which can time out
 * on a busy machine while the first hall render compiles its shaders) is not waited for.
 */
const enterAndWait = async (page: Page) => {
  await page.getByRole("button", { name: "Enter the hall" }).click();
  await page.waitForFunction(() => window.atrium !== undefined, undefined, { timeout: 60_000 });
};
const newVisitorPage = async (name: string) => {
  const context = await browser.newContext({ viewport: { width: 960, height: 600 } });
  const page = await context.newPage();
  page.on("pageerror", (e) => console.error(`[${name}] page error:`, e.message));
  await page.goto(`${server.url}/hall/demo`);
  return page;
};

beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  server = await startProductServer();
  browser = await launchChromium();
  ada = await newVisitorPage("Ada");
});

afterAll(async () => {
  await browser?.close();
  const code = await server?.stop();
  expect(code, "server exits cleanly on SIGTERM").toBe(0);
});

describe("avatar picker", () => {
  const chosen = '{"v":1,"preset":"kenji","height":1.9,"build":"broad"}';

  it("carries the look picked in the lobby to the other visitors", async () => {
    await ada.getByLabel("Display name").fill("Ada");
    await ada.getByRole("button", { name: "Kenji" }).click();
    await ada.getByRole("slider", { name: "Height" }).fill("1.9");
    await ada.getByRole("combobox", { name: "Build" }).selectOption("broad");
    await expect.poll(() => ada.getByRole("button", { name: "Kenji" }).getAttribute("aria-pressed")).toBe("true");
    await ada.getByText("190 cm").waitFor();
    writeFileSync(`${shots}/avatar-picker-lobby.png`, await ada.screenshot());
    await enterAndWait(ada);
    expect(await ada.evaluate(() => window.atrium!.presence.avatar)).toBe(chosen);

    bob = await newVisitorPage("Bob");
    await bob.getByLabel("Display name").fill("Bob");
    await enterAndWait(bob);
    const seen = await eventually(() => remoteAvatars(bob), (r) => r.some((v) => v.name === "Ada"));
    expect(seen.find((v) => v.name === "Ada")!.avatar).toBe(chosen);
  }, 180_000); // two first entries into the hall, each compiling its shaders in software WebGL

  it("remembers the look when the visitor comes back", async () => {
    await ada.reload();
    await ada.getByLabel("Display name").waitFor();
    expect(await ada.getByLabel("Display name").inputValue()).toBe("Ada");
    expect(await ada.getByRole("button", { name: "Kenji" }).getAttribute("aria-pressed")).toBe("true");
    expect(await ada.getByRole("button", { name: "Lena" }).getAttribute("aria-pressed")).toBe("false");
    expect(await ada.getByRole("slider", { name: "Height" }).inputValue()).toBe("1.9");
    expect(await ada.getByRole("combobox", { name: "Build" }).inputValue()).toBe("broad");
  });

  it("explains why a file is refused, and shows an uploaded GLB to the others", async () => {
    const upload = ada.getByLabel("Upload your own (.glb)");
    await upload.setInputFiles({ name: "holiday.png", mimeType: "image/png", buffer: Buffer.from("\x89PNG\r\n\x1a\n not a model at all, just some bytes") });
    await ada.getByRole("alert").getByText(/This is not a GLB file/).waitFor();

    const glb = Buffer.from(await exportAvatarGlb(buildAvatar({ ...PRESETS.oliver, topColor: "#d69a2d" })));
    const id = createHash("sha256").update(glb).digest("hex");
    await upload.setInputFiles({ name: "me.glb", mimeType: "model/gltf-binary", buffer: glb });
    await ada.getByText("Using me.glb.").waitFor({ timeout: 20_000 });
    expect(await ada.getByRole("button", { name: "Kenji" }).getAttribute("aria-pressed")).toBe("false");

    const fetched = bob.waitForResponse((r) => r.url().endsWith(`/api/avatars/${id}.glb`) && r.status() === 200, { timeout: 30_000 });
    await enterAndWait(ada);
    const uploaded = `{"v":1,"upload":"${id}"}`;
    expect(await ada.evaluate(() => window.atrium!.presence.avatar)).toBe(uploaded);
    await eventually(() => remoteAvatars(bob), (r) => r.some((v) => v.name === "Ada" && v.avatar === uploaded));
    await fetched; // Bob's hall loads Ada's own model
  });
});
