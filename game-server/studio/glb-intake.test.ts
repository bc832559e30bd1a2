import { Document, NodeIO } from "@gltf-transform/core";
import { ALL_EXTENSIONS } from "@gltf-transform/extensions";
import validator from "gltf-validator";
import { MeshoptDecoder } from "meshoptimizer";
import { PNG } from "pngjs";
import { Box3, type BufferGeometry, Mesh, TorusKnotGeometry } from "three";
import { MeshoptDecoder as ThreeMeshoptDecoder } from "three/examples/jsm/libs/meshopt_decoder.module.js";
import { GLTFLoader } from "three/examples/jsm/loaders/GLTFLoader.js";
import { describe, expect, it } from "vitest";
import { DEFAULT_GLB_BUDGET, type GlbBudget, GlbRefused, intakeGlb } from "./glb-intake.ts";
import { glbThumbnailSvg, renderGlbThumbnail } from "./glb-thumbnail.ts";
import { buildTestGlb, packGlb, splitGlb } from "./test-glb.ts";

const CJK = /[\u4e00-\u9fff]/;

async function readBack(glb: Uint8Array): Promise<Document> {
  await MeshoptDecoder.ready;
  return new NodeIO().registerExtensions(ALL_EXTENSIONS).registerDependencies({ "meshopt.decoder": MeshoptDecoder }).readBinary(glb);
}

async function validatorErrors(glb: Uint8Array): Promise<string[]> {
  const report = await validator.validateBytes(glb);
  return report.issues.messages.filter((m) => m.severity === 0).map((m) => m.code);
}

/** The refusal `intakeGlb` gives, checked to speak both languages. */
async function refusal(glb: Uint8Array, budget?: Partial<GlbBudget>): Promise<GlbRefused> {
  const error = await intakeGlb(glb, budget).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(GlbRefused);
  const refused = error as GlbRefused;
  expect(refused.reasons.length).toBeGreaterThan(0);
  for (const reason of refused.reasons) expect(reason["zh-CN"]).toMatch(CJK);
  expect(refused.message).toBe(refused.reasons.map((r) => r.en).join(" "));
  return refused;
}

type JsonObject = Record<string, unknown>;
/** The parts of a glTF JSON the tests edit. */
interface GltfJson extends JsonObject {
  asset: JsonObject;
  buffers: JsonObject[];
  bufferViews: JsonObject[];
  accessors: JsonObject[];
  images: JsonObject[];
  nodes: JsonObject[];
}

/** The box with one edit to its glTF JSON, repacked with the same binary chunk. */
async function editedBox(edit: (json: GltfJson) => void, options?: Parameters<typeof buildTestGlb>[0]): Promise<Uint8Array> {
  const { json, bin } = splitGlb(await buildTestGlb(options));
  edit(json as GltfJson);
  return packGlb(json, bin);
}

/** A curved, many-triangle model (where meshopt pays off), written as a plain GLB. */
async function knotGlb(): Promise<Uint8Array> {
  const doc = new Document();
  const buffer = doc.createBuffer();
  const geometry: BufferGeometry = new TorusKnotGeometry(0.3, 0.1, 128, 24);
  const primitive = doc
    .createPrimitive()
    .setMaterial(doc.createMaterial().setBaseColorFactor([0.1, 0.4, 0.9, 1]))
    .setIndices(doc.createAccessor().setType("SCALAR").setArray(new Uint32Array(geometry.index!.array)).setBuffer(buffer))
    .setAttribute("POSITION", doc.createAccessor().setType("VEC3").setArray(new Float32Array(geometry.getAttribute("position").array)).setBuffer(buffer))
    .setAttribute("NORMAL", doc.createAccessor().setType("VEC3").setArray(new Float32Array(geometry.getAttribute("normal").array)).setBuffer(buffer));
  doc.createScene().addChild(doc.createNode("knot").setMesh(doc.createMesh().addPrimitive(primitive)));
  return new NodeIO().writeBinary(doc);
}

describe("intakeGlb: a good model", () => {
  it("takes a coloured box: no bigger, 12 triangles, its bounds, a 256×256 thumbnail that shows it", async () => {
    const input = await buildTestGlb({ color: [0.9, 0.1, 0.05, 1], size: [2, 1, 0.5] });
    const result = await intakeGlb(input);

    expect(result.originalBytes).toBe(input.byteLength);
    expect(result.bytes).toBe(result.glb.byteLength);
    expect(result.bytes).toBeLessThanOrEqual(input.byteLength);
    expect(result.triangles).toBe(12);
    expect(result.textures).toBe(0);
    result.min.forEach((v, i) => expect(v).toBeCloseTo([-1, -0.5, -0.25][i]!, 5));
    result.max.forEach((v, i) => expect(v).toBeCloseTo([1, 0.5, 0.25][i]!, 5));
    expect(result.warnings).toEqual([]);

    const png = PNG.sync.read(Buffer.from(result.thumbnailPng));
    expect([png.width, png.height]).toEqual([256, 256]);
    const pixel = (x: number, y: number) => [...png.data.subarray((y * 256 + x) * 4, (y * 256 + x) * 4 + 4)];
    expect(pixel(2, 2)[3]).toBe(0); // transparent around the model
    const [r, g, b, a] = pixel(128, 128);
    expect(a).toBe(255);
    expect(r).toBeGreaterThan(g! + 60); // the box's red, shaded
    expect(g).toBeGreaterThanOrEqual(b!);
    // Shaded faces: the box's visible sides come out in more than one tone of red.
    const reds = new Set<string>();
    for (let i = 0; i < png.data.length; i += 4) if (png.data[i + 3] === 255) reds.add(png.data.subarray(i, i + 3).join());
    expect(reds.size).toBeGreaterThanOrEqual(3);

    expect(await validatorErrors(result.glb)).toEqual([]);
    const back = await readBack(result.glb);
    expect(back.getRoot().listMeshes()).toHaveLength(1);
  });

  it("compresses a detailed model with meshopt that three's MeshoptDecoder (the hall's) reads back", async () => {
    const input = await knotGlb();
    const result = await intakeGlb(input);
    const triangles = 128 * 24 * 2;
    expect(result.triangles).toBe(triangles);
    expect(result.bytes).toBeLessThan(input.byteLength / 2);
    expect(await validatorErrors(result.glb)).toEqual([]);

    const back = await readBack(result.glb);
    expect(back.getRoot().listExtensionsUsed().map((e) => e.extensionName)).toContain("EXT_meshopt_compression");

    const loader = new GLTFLoader().setMeshoptDecoder(ThreeMeshoptDecoder);
    const gltf = await loader.parseAsync(result.glb.slice().buffer, "");
    const meshes: Mesh[] = [];
    gltf.scene.traverse((o) => {
      if (o instanceof Mesh) meshes.push(o);
    });
    expect(meshes).toHaveLength(1);
    expect(meshes[0]!.geometry.index!.count / 3).toBe(triangles);
    // Quantised positions come back through the node's transform: the knot's size, as reported.
    const world = new Box3().setFromObject(gltf.scene);
    world.min.toArray().forEach((v, i) => expect(v).toBeCloseTo(result.min[i]!, 2));
    world.max.toArray().forEach((v, i) => expect(v).toBeCloseTo(result.max[i]!, 2));
  });

  it("scales a 2048 px texture down to 1024 px, and says so in both languages", async () => {
    const input = await buildTestGlb({ texture: true, textureSize: 2048 });
    const result = await intakeGlb(input);
    expect(result.textures).toBe(1);
    expect(result.bytes).toBeLessThan(input.byteLength);
    const texture = (await readBack(result.glb)).getRoot().listTextures()[0]!;
    expect(texture.getMimeType()).toBe("image/png");
    expect(texture.getSize()).toEqual([1024, 1024]);
    expect(result.warnings).toEqual([expect.objectContaining({ en: expect.stringContaining("1024 px"), "zh-CN": expect.stringMatching(/1024 像素/) })]);
    expect(await validatorErrors(result.glb)).toEqual([]);
  });

  it("keeps an already tidy upload byte for byte when rewriting it would only add bytes", async () => {
    const tidy = await editedBox((json) => {
      // What gltf-transform writes back but the spec lets a file leave out.
      delete json.asset.generator;
      for (const accessor of json.accessors) {
        if (accessor.byteOffset === 0) delete accessor.byteOffset;
        if (accessor.normalized === false) delete accessor.normalized;
      }
    });
    const result = await intakeGlb(tidy);
    expect(result.bytes).toBe(tidy.byteLength);
    expect(result.glb).toEqual(tidy);
  });

  it("takes an upload that is an unaligned slice of a larger buffer, as a pooled Node Buffer may be", async () => {
    const glb = await buildTestGlb({ texture: true });
    const pool = Buffer.alloc(glb.byteLength + 101, 7);
    pool.set(glb, 101);
    const result = await intakeGlb(pool.subarray(101, 101 + glb.byteLength));
    expect(result.triangles).toBe(12);
    expect(result.originalBytes).toBe(glb.byteLength);
  });

  it("takes a model that declares an extension it doesn't need, leaving it out with a warning", async () => {
    const glb = await editedBox((json) => {
      json.extensionsUsed = ["VENDOR_sparkles"];
    });
    const result = await intakeGlb(glb);
    expect(result.warnings).toContainEqual({ en: expect.stringContaining("VENDOR_sparkles"), "zh-CN": expect.stringContaining("VENDOR_sparkles") });
    expect(splitGlb(result.glb).json.extensionsUsed).toBeUndefined();
  });

  it("counts a mesh once per node that places it, and keeps the defaults it was given", async () => {
    const result = await intakeGlb(await buildTestGlb({ instances: 3 }));
    expect(result.triangles).toBe(36);
    expect(DEFAULT_GLB_BUDGET).toEqual({ maxBytes: 20 * 1024 * 1024, maxTriangles: 200_000, maxTextureSize: 4096, maxTextures: 16, maxNodes: 2000, maxJsonBytes: 4 * 1024 * 1024 });
  });
});

describe("intakeGlb: refusals", () => {
  it("refuses what is not a GLB, and tells a .gltf text file apart", async () => {
    expect((await refusal(new TextEncoder().encode("PK\u0003\u0004 a zip, not a model"))).message).toMatch(/not a GLB/);
    expect((await refusal(new Uint8Array(3))).message).toMatch(/not a GLB/);
    expect((await refusal(new TextEncoder().encode('{"asset":{"version":"2.0"}}'))).message).toMatch(/\.gltf text file/);
  });

  it("refuses a truncated file and one whose header lies about its length", async () => {
    const glb = await buildTestGlb();
    expect((await refusal(glb.subarray(0, glb.byteLength - 100))).message).toMatch(`header says ${glb.byteLength} bytes but it has ${glb.byteLength - 100}`);
    const lying = glb.slice();
    new DataView(lying.buffer).setUint32(8, glb.byteLength + 4, true);
    expect((await refusal(lying)).message).toMatch(/damaged: its header says/);
  });

  it("refuses another glTF version and chunks that run past the end", async () => {
    const glb = await buildTestGlb();
    const v1 = glb.slice();
    new DataView(v1.buffer).setUint32(4, 1, true);
    expect((await refusal(v1)).message).toMatch(/glTF version 1/);
    const overrun = glb.slice();
    new DataView(overrun.buffer).setUint32(12, 0xfffffff0, true);
    expect((await refusal(overrun)).message).toMatch(/runs past the end/);
  });

  it("refuses a JSON chunk that is not JSON, or not an object", async () => {
    expect((await refusal(packGlb('{"asset": {"version": "2.0"'))).message).toMatch(/not valid JSON/);
    expect((await refusal(packGlb("[1, 2, 3]"))).message).toMatch(/not a glTF object/);
  });

  it("refuses buffers that live outside the file: another file, a URL, a data: URI", async () => {
    for (const uri of ["geometry.bin", "https://example.com/geometry.bin", "data:application/octet-stream;base64,AAAA"]) {
      const glb = await editedBox((json) => {
        json.buffers[0]!.uri = uri;
      });
      expect((await refusal(glb)).message).toMatch(/buffer 0\) is not inside the file/);
    }
  });

  it("refuses a buffer view that reaches past the binary chunk", async () => {
    const glb = await editedBox((json) => {
      json.bufferViews[0]!.byteLength = 1_000_000;
    });
    expect((await refusal(glb)).message).toMatch(/buffer view 0 points outside the file's binary data/);
  });

  it("refuses a texture image that is not embedded", async () => {
    const glb = await editedBox(
      (json) => {
        json.images[0] = { uri: "file:///etc/passwd" };
      },
      { texture: true },
    );
    expect((await refusal(glb)).message).toMatch(/Texture image 0 is not inside the file but at "file:\/\/\/etc\/passwd"/);
  });

  it("refuses an absurd accessor count from the JSON, before anything tries to allocate it", async () => {
    const glb = await editedBox((json) => {
      json.accessors[1]!.count = 1e9; // 12 GB of positions
    });
    const refused = await refusal(glb);
    expect(refused.message).toMatch(/accessor 1 declares 1000000000 elements/);
    expect(refused.message).not.toMatch(/validation/);
  });

  it("refuses too many nodes", async () => {
    expect((await refusal(await buildTestGlb({ instances: 3 }), { maxNodes: 2 })).message).toMatch(/3 nodes; the limit is 2/);
    const glb = await editedBox((json) => {
      json.nodes = Array.from({ length: 2001 }, (_, i) => ({ name: `n${i}` }));
    });
    expect((await refusal(glb)).message).toMatch(/2001 nodes; the limit is 2000/);
  });

  it("refuses a file over the byte budget before reading it", async () => {
    const glb = await buildTestGlb();
    expect((await refusal(glb, { maxBytes: 1000 })).message).toMatch(/The file is 0\.0 MB; the limit is 0\.0 MB/);
    expect((await refusal(new Uint8Array(1001), { maxBytes: 1000 })).message).toMatch(/limit is/);
  });

  it("refuses over the triangle budget: declared in the JSON, and counted across instances after loading", async () => {
    expect((await refusal(await buildTestGlb(), { maxTriangles: 10 })).message).toMatch(/declares at least 12 triangles; the limit is 10/);
    // Each mesh declares 12; three nodes place it, which only the loaded scene shows.
    expect((await refusal(await buildTestGlb({ instances: 3 }), { maxTriangles: 30 })).message).toMatch(/The model has 36 triangles; the limit is 30/);
  });

  it("refuses what the Khronos validator calls an error, quoting it", async () => {
    const glb = await editedBox((json) => {
      json.accessors[1]!.count = 25; // one position more than its buffer view holds
    });
    const refused = await refusal(glb);
    expect(refused.message).toMatch(/failed glTF validation: .*\/accessors\/1/);
  });

  it("refuses Draco meshes, oversized textures and too many textures with a way out", async () => {
    const draco = await editedBox((json) => {
      json.extensionsUsed = ["KHR_draco_mesh_compression"];
      json.extensionsRequired = ["KHR_draco_mesh_compression"];
    });
    expect((await refusal(draco)).message).toMatch(/Draco.*Export it without Draco/);
    const textured = await buildTestGlb({ texture: true, textureSize: 256 });
    expect((await refusal(textured, { maxTextureSize: 128 })).message).toMatch(/"checker" is 256×256 px; the limit is 128 px per side/);
    expect((await refusal(textured, { maxTextures: 0 })).message).toMatch(/1 textures; the limit is 0/);
  });

  it("refuses a texture whose header is fine but whose pixels are broken", async () => {
    const { json, bin } = splitGlb(await buildTestGlb({ texture: true }));
    const view = (json.bufferViews as { byteOffset?: number; byteLength: number }[])[(json.images as { bufferView: number }[])[0]!.bufferView]!;
    const start = (view.byteOffset ?? 0) + 64; // past the PNG signature and IHDR
    bin!.fill(0x5a, start, start + view.byteLength - 80);
    expect((await refusal(packGlb(json, bin))).message).toMatch(/Texture "checker" is not a readable PNG, JPEG, WebP or AVIF image/);
  });
});

describe("renderGlbThumbnail", () => {
  const covered = (png: Uint8Array) => {
    const { data } = PNG.sync.read(Buffer.from(png));
    let n = 0;
    for (let i = 3; i < data.length; i += 4) if (data[i]! > 128) n++;
    return n;
  };

  it("decimates a model over its triangle cap rather than leaving holes in it", async () => {
    const glb = await knotGlb(); // 6144 triangles
    const capped = await glbThumbnailSvg(await readBack(glb), { maxTriangles: 1000 });
    expect(capped.match(/<polygon/g)!.length).toBeLessThanOrEqual(1000);
    const full = covered(await renderGlbThumbnail(glb));
    expect(covered(await renderGlbThumbnail(glb, { maxTriangles: 1000 }))).toBeGreaterThan(full * 0.97);
  });

  it("draws on a background when asked, and sizes the PNG as asked", async () => {
    const png = PNG.sync.read(Buffer.from(await renderGlbThumbnail(await buildTestGlb(), { size: 64, background: "#f4f4f6" })));
    expect([png.width, png.height]).toEqual([64, 64]);
    expect([...png.data.subarray(0, 4)]).toEqual([0xf4, 0xf4, 0xf6, 255]);
  });
});
