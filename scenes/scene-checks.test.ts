import { describe, expect, it } from "vitest";
import { meridianBank } from "./demo/meridian-bank.ts";
import { novaElectronics } from "./demo/nova-electronics.ts";
import { checkScene, type SceneIssue } from "./scene-checks.ts";
import type { Scene } from "./scene-format.ts";

/** The demo store with one thing changed (a fresh copy each time: layouts are cached per scene object). */
function nova(change: (scene: Scene) => void): Scene {
  const scene = structuredClone(novaElectronics);
  change(scene);
  return scene;
}

const booth = (scene: Scene, id: string) => scene.booths.find((b) => b.id === id)!;
const brief = (issues: SceneIssue[]) => issues.map(({ severity, target, code }) => ({ severity, target, code }));

describe("checkScene", () => {
  it.each([novaElectronics, meridianBank])("finds nothing wrong with the demo hall $name", (scene) => {
    expect(checkScene(structuredClone(scene))).toEqual([]);
  });

  it("says every message in English and Chinese, naming the entry", () => {
    const [issue] = checkScene(nova((s) => (booth(s, "aperture-z").at.x = 13.8)));
    expect(issue!.message.en).toContain("Aperture Z50");
    expect(issue!.message["zh-CN"]).toContain("Aperture Z50");
    expect(issue!.message["zh-CN"]).toMatch(/[\u4e00-\u9fff]/);
  });

  it("reports a duplicate id as an error", () => {
    const issues = checkScene(nova((s) => (s.booths[1]!.id = s.booths[0]!.id)));
    expect(brief(issues)).toEqual([{ severity: "error", target: "booths/nova-phone-12", code: "duplicate-id" }]);
    expect(issues[0]!.message.en).toContain("nova-phone-12");
  });

  it("tells apart ids of different lists: a screen and a whiteboard may share one", () => {
    expect(novaElectronics.screens.some((sc) => novaElectronics.whiteboards.some((wb) => wb.id === sc.id))).toBe(true);
    expect(checkScene(nova(() => {}))).toEqual([]);
  });

  it.each([
    ["a booth", (s: Scene) => (booth(s, "nova-phone-12").at = { x: 20, z: 0 }), "booths/nova-phone-12"],
    ["a spawn point", (s: Scene) => (s.spawnPoints[0]!.x = 15), "spawnPoints/staff"],
    ["a screen", (s: Scene) => (s.screens[0]!.at.z = -9.5), "screens/video-wall"],
    ["a partition", (s: Scene) => (s.partitions[0]!.to.x = 16), "partitions/0"],
    ["a zone", (s: Scene) => (s.zones[1]!.rect = { minX: -3.5, minZ: -14, maxX: 3.5, maxZ: -10 }), "zones/stage"],
  ])("reports %s outside the hall as an error, and nothing else about it", (_, change, target) => {
    expect(brief(checkScene(nova(change)))).toEqual([{ severity: "error", target, code: "out-of-bounds" }]);
  });

  it.each([
    ["a booth", (s: Scene) => (booth(s, "aperture-z").at.x = 13.8), "booths/aperture-z"],
    ["an obstacle", (s: Scene) => (s.obstacles[3]!.rect = { minX: 5.6, minZ: 8.7, maxX: 8.0, maxZ: 9.2 }), "obstacles/3"],
    ["a totem", (s: Scene) => (s.signage[10]!.at.x = 13.9), "signage/10"],
    ["a whiteboard's stand", (s: Scene) => (s.whiteboards[0]!.at.z = -8.9), "whiteboards/support"],
  ])("reports %s standing in the wall as an error", (_, change, target) => {
    const issues = checkScene(nova(change));
    expect(brief(issues)).toEqual([{ severity: "error", target, code: "crosses-wall" }]);
    expect(issues[0]!.message.en).toContain("overlaps the wall");
  });

  it("lets shelving stand flush against the wall", () => {
    expect(novaElectronics.obstacles[0]!.rect.minX).toBe(novaElectronics.bounds.minX);
    expect(checkScene(nova(() => {})).filter((i) => i.code === "crosses-wall")).toEqual([]);
  });

  it("warns about two booths standing in each other, on both of them", () => {
    const issues = checkScene(nova((s) => (booth(s, "pulse-speaker").at.x = 7.6)));
    expect(brief(issues)).toEqual([
      { severity: "warning", target: "booths/pulse-speaker", code: "overlaps" },
      { severity: "warning", target: "booths/aperture-z", code: "overlaps" },
    ]);
    expect(issues[0]!.message.en).toContain("overlaps the booth “Aperture Z50”");
  });

  it("warns about a booth standing in an obstacle", () => {
    const issues = checkScene(nova((s) => (booth(s, "vista-oled-65").at.z = -2.2)));
    expect(brief(issues)).toEqual([{ severity: "warning", target: "booths/vista-oled-65", code: "overlaps" }]);
    expect(issues[0]!.message.en).toContain("overlaps the bench");
  });

  it("does not count booths that merely touch as overlapping", () => {
    // Aperture Z50 is 0.9 m wide at x = 8.2: Pulse Home (0.9 m deep, turned to face west) right beside it.
    expect(checkScene(nova((s) => (booth(s, "pulse-speaker").at.x = 8.2 - 0.9)))).toEqual([]);
  });

  it("reports the entrance inside an obstacle as an error", () => {
    const issues = checkScene(nova((s) => Object.assign(s.spawn, { x: 6.8, z: -1.95 })));
    expect(brief(issues)).toEqual([{ severity: "error", target: "spawn", code: "spawn-blocked" }]);
    expect(issues[0]!.message.en).toContain("inside the bench");
  });

  it("reports a spawn point with no room to stand as an error", () => {
    expect(brief(checkScene(nova((s) => Object.assign(s.spawnPoints[0]!, { x: 12.2, z: -3.2 }))))).toEqual([{ severity: "error", target: "spawnPoints/staff", code: "spawn-blocked" }]);
    // Right against the back shelving: inside nothing, yet no body fits.
    const issues = checkScene(nova((s) => Object.assign(s.spawnPoints[1]!, { x: -9, z: -8.43 })));
    expect(brief(issues)).toEqual([{ severity: "error", target: "spawnPoints/stage", code: "spawn-blocked" }]);
    expect(issues[0]!.message.en).toContain("no room to stand");
  });

  it("warns about a booth whose front nobody can walk to", () => {
    // NovaBook turned to face the left wall, its front squeezed against the shelving there.
    const issues = checkScene(nova((s) => Object.assign(booth(s, "novabook-air"), { at: { x: -12.9, z: -3.6 }, rotation: -Math.PI / 2 })));
    expect(brief(issues)).toEqual([{ severity: "warning", target: "booths/novabook-air", code: "unreachable" }]);
    expect(issues[0]!.message.en).toMatch(/nobody can reach/i);
  });

  it("warns about a screen that faces the wall it hangs on", () => {
    const issues = checkScene(nova((s) => (s.screens[0]!.rotation = Math.PI)));
    expect(brief(issues)).toEqual([{ severity: "warning", target: "screens/video-wall", code: "unreachable" }]);
    expect(issues[0]!.message.en).toMatch(/nobody can reach/i);
  });

  it("warns about the screen and board of a room whose door is walled up, but not about the sign on its glass", () => {
    const issues = checkScene(nova((s) => s.partitions.push({ from: { x: 9.5, z: 5.2 }, to: { x: 9.5, z: 6.6 }, height: 2.6, kind: "glass" })));
    expect(brief(issues)).toEqual([
      { severity: "warning", target: "screens/consult-1", code: "unreachable" },
      { severity: "warning", target: "whiteboards/consult-1", code: "unreachable" },
    ]);
  });

  it("reports an agent desk whose customers cannot get to its counter as an error", () => {
    const issues = checkScene(nova((s) => (s.agentDesks[0]!.rotation = Math.PI / 2)));
    expect(brief(issues)).toEqual([{ severity: "error", target: "agentDesks/support-1", code: "unreachable" }]);
  });

  it("reports a reception whose customer spot is blocked as an error", () => {
    const issues = checkScene(nova((s) => s.obstacles.push({ rect: { minX: -7, minZ: 1.4, maxX: -3.4, maxZ: 2.6 }, look: "none" })));
    expect(brief(issues)).toEqual([{ severity: "error", target: "reception", code: "unreachable" }]);
  });

  it("warns about a wall sign or screen away from every wall", () => {
    const sign = checkScene(nova((s) => (s.signage[1]!.at = { x: 0, z: 0 })));
    expect(brief(sign)).toEqual([{ severity: "warning", target: "signage/1", code: "floating" }]);
    expect(sign[0]!.message.en).toContain("floats in the air");
    const screen = checkScene(nova((s) => (s.screens[1]!.at = { x: 0, z: 0 })));
    expect(brief(screen)).toEqual([{ severity: "warning", target: "screens/support", code: "floating" }]);
  });

  it("counts the reception's backdrop and a glass partition as walls, but not above their top", () => {
    // The welcome sign hangs on the backdrop (3 m high), the consultation sign on the glass (2.6 m).
    expect(checkScene(nova(() => {}))).toEqual([]);
    expect(brief(checkScene(nova((s) => (s.signage[6]!.y = 3.2))))).toEqual([{ severity: "warning", target: "signage/6", code: "floating" }]);
  });

  it("warns about a sign whose text is too long to read", () => {
    const issues = checkScene(nova((s) => Object.assign(s.signage[2]!, { text: "Phones, Tablets, Laptops & Accessories", width: 1.2 })));
    expect(brief(issues)).toEqual([{ severity: "warning", target: "signage/2", code: "text-too-long" }]);
    expect(issues[0]!.message.en).toMatch(/\d+ cm/);
    // The same words on the demo's 3.2 m panel read fine.
    expect(checkScene(nova((s) => (s.signage[2]!.text = "Phones, Tablets, Laptops & Accessories")))).toEqual([]);
  });

  it("counts Chinese characters as wider than Latin letters", () => {
    // 24 Latin letters fit the 1.7 m consultation sign; 24 Chinese characters do not.
    expect(checkScene(nova((s) => (s.signage[6]!.text = "Private consultation now")))).toEqual([]);
    expect(brief(checkScene(nova((s) => (s.signage[6]!.text = "私人咨询室欢迎您预约一对一的专业产品咨询服务中心"))))).toEqual([{ severity: "warning", target: "signage/6", code: "text-too-long" }]);
  });

  it("lists errors before warnings", () => {
    const issues = checkScene(
      nova((s) => {
        booth(s, "pulse-speaker").at.x = 7.6;
        s.agentDesks[0]!.rotation = Math.PI / 2;
      }),
    );
    expect(issues.map((i) => i.severity)).toEqual(["error", "warning", "warning"]);
  });
});
