import { beforeAll, describe, expect, it } from "vitest";
import { AVATAR_GLB_LIMITS, validateAvatarGlb } from "./avatar-glb-validator.ts";
import { buildAvatar } from "./build-avatar.ts";
import { exportAvatarGlb } from "./export-glb.ts";
import { readGlb, writeGlb } from "./glb-container.ts";
import { PRESETS } from "./presets.ts";

type Json = Record<string, unknown> & {
  nodes: { name?: string; mesh?: number; children?: number[] }[];
  meshes: { extras?: { targetNames?: string[] } }[];
  scenes: { nodes: number[] }[];
  buffers: { uri?: string; byteLength: number }[];
};

let good: Uint8Array;
/** Our own avatar's GLB with its JSON changed by `edit`. */
const edited = (edit: (json: Json) => void): Uint8Array => {
  const { json, bin } = readGlb(good);
  const copy = structuredClone(json) as Json;
  edit(copy);
  return writeGlb(copy, bin);
};
const renameNode = (json: Json, from: string, to: string) => {
  json.nodes.find((n) => n.name === from)!.name = to;
};

beforeAll(async () => {
  good = await exportAvatarGlb(buildAvatar(PRESETS.kenji));
});

describe("validateAvatarGlb", () => {
  it("accepts our own generated avatars without a single warning", async () => {
    for (const glb of [good, await exportAvatarGlb(buildAvatar(PRESETS.amara))]) {
      const report = validateAvatarGlb(glb);
      expect(report.errors).toEqual([]);
      expect(report.warnings).toEqual([]);
      expect(report.ok).toBe(true);
      expect(report.stats.faceMorphs).toBe(67);
      expect(report.stats.bones).toBe(25);
      expect(report.stats.triangles).toBeGreaterThan(10_000);
      expect(report.stats.triangles).toBeLessThan(AVATAR_GLB_LIMITS.maxTriangles);
    }
  });

  it("works on an ArrayBuffer as the browser's File.arrayBuffer() gives it", () => {
    const buffer = good.buffer.slice(good.byteOffset, good.byteOffset + good.byteLength) as ArrayBuffer;
    expect(validateAvatarGlb(buffer).ok).toBe(true);
  });

  it("refuses a file that is not a GLB", () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...new Array(40).fill(0)]);
    expect(validateAvatarGlb(png).errors).toEqual([expect.stringMatching(/^This is not a GLB file/)]);
    expect(validateAvatarGlb(new TextEncoder().encode('{"asset":{"version":"2.0"}}')).errors[0]).toMatch(/\.gltf text file, not a \.glb/);
    expect(validateAvatarGlb(new Uint8Array(0)).ok).toBe(false);
  });

  it("refuses a truncated GLB", () => {
    expect(validateAvatarGlb(good.subarray(0, good.byteLength - 1000)).errors[0]).toMatch(/incomplete/);
  });

  it("refuses a file over the size limit before reading it", () => {
    const big = writeGlb(readGlb(good).json, new Uint8Array(AVATAR_GLB_LIMITS.maxBytes + 1));
    const report = validateAvatarGlb(big);
    expect(report.ok).toBe(false);
    expect(report.errors).toEqual([expect.stringMatching(/^The file is 8\.\d MB; avatars may be at most 8\.0 MB/)]);
  });

  it("names the bones a skeleton lacks", () => {
    const report = validateAvatarGlb(edited((json) => {
      renameNode(json, "LeftForeArm", "LeftLowerArm");
      renameNode(json, "Spine2", "Chest");
    }));
    expect(report.ok).toBe(false);
    expect(report.errors).toEqual([expect.stringContaining("missing bones Atrium animates: Spine2, LeftForeArm.")]);
  });

  it("explains a mixamorig: prefix", () => {
    const report = validateAvatarGlb(edited((json) => json.nodes.forEach((n) => n.name && !n.name.startsWith("Wolf3D") && n.name !== "Armature" && (n.name = `mixamorig:${n.name}`))));
    expect(report.errors).toEqual([expect.stringContaining('prefix (like "mixamorig:')]);
  });

  it("refuses an avatar without a skeleton", () => {
    const report = validateAvatarGlb(edited((json) => {
      delete json.skins;
      for (const n of json.nodes) delete (n as { skin?: number }).skin;
    }));
    expect(report.errors).toEqual([expect.stringContaining("no skeleton")]);
  });

  it("counts every node that shows a mesh against the triangle budget", () => {
    const report = validateAvatarGlb(edited((json) => {
      // Four more copies of each mesh: what a crowd of accessories or an unoptimised export looks like.
      const meshNodes = json.nodes.filter((n) => n.mesh !== undefined);
      for (let copy = 0; copy < 4; copy++) {
        for (const n of meshNodes) {
          json.nodes.push({ name: `copy${copy}-${n.name}`, mesh: n.mesh });
          json.scenes[0]!.nodes.push(json.nodes.length - 1);
        }
      }
    }));
    expect(report.ok).toBe(false);
    expect(report.stats.triangles).toBeGreaterThan(60_000);
    expect(report.errors).toEqual([expect.stringMatching(/^The avatar has [\d,]+ triangles; the limit is 60,000\./)]);
  });

  it("refuses buffers or textures that live outside the file", () => {
    const report = validateAvatarGlb(edited((json) => {
      json.buffers.push({ uri: "avatar_data.bin", byteLength: 16 });
      json.images = [{ uri: "textures/skin.png" }];
    }));
    expect(report.errors).toEqual([expect.stringContaining('outside files ("avatar_data.bin", "textures/skin.png")')]);
  });

  it("accepts embedded data: URIs", () => {
    expect(validateAvatarGlb(edited((json) => void json.buffers.push({ uri: "data:application/octet-stream;base64,AAAA", byteLength: 3 }))).ok).toBe(true);
  });

  it("refuses compression Atrium cannot decode", () => {
    const report = validateAvatarGlb(edited((json) => void (json.extensionsRequired = ["KHR_draco_mesh_compression"])));
    expect(report.errors).toEqual([expect.stringContaining("needs Draco mesh compression")]);
  });

  it("refuses a description with dangling references instead of crashing the loader", () => {
    const report = validateAvatarGlb(edited((json) => void json.nodes.push({ name: "ghost", mesh: 99 })));
    expect(report.errors).toEqual([expect.stringMatching(/damaged: node \d+ names a missing mesh/)]);
  });

  it("accepts a face without morphs, warning that it will not move", () => {
    const report = validateAvatarGlb(edited((json) => json.meshes.forEach((m) => delete m.extras)));
    expect(report.ok).toBe(true);
    expect(report.stats.faceMorphs).toBe(0);
    expect(report.warnings).toEqual([
      expect.stringContaining("none of the 52 ARKit blendshapes, so it will not blink"),
      expect.stringContaining("none of the 15 Oculus visemes"),
    ]);
  });

  it("lists a few of the missing morphs when only some are there", () => {
    const report = validateAvatarGlb(edited((json) => {
      const head = json.meshes.find((m) => m.extras?.targetNames)!;
      head.extras!.targetNames = head.extras!.targetNames!.map((n) => (n.startsWith("mouth") || n === "viseme_O" ? `x_${n}` : n));
    }));
    expect(report.ok).toBe(true);
    expect(report.warnings).toEqual([
      expect.stringMatching(/lacks 23 of the 52 ARKit blendshapes \(mouthClose, mouthFunnel, mouthPucker, mouthLeft and 19 more\)/),
      expect.stringContaining("lacks 1 of the 15 Oculus visemes (viseme_O)"),
    ]);
  });

  it("warns when there is no Armature or Wolf3D_Head, but still accepts the avatar", () => {
    const report = validateAvatarGlb(edited((json) => {
      renameNode(json, "Armature", "Root");
      renameNode(json, "Wolf3D_Head", "Head_Mesh");
      for (const m of json.meshes as { name?: string }[]) if (m.name === "Wolf3D_Head") m.name = "Head_Mesh";
    }));
    expect(report.ok).toBe(true);
    expect(report.warnings).toEqual([expect.stringContaining('no "Armature" node'), expect.stringContaining('no "Wolf3D_Head" mesh')]);
  });
});
