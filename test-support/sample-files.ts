import { deflateSync, crc32 } from "node:zlib";

/**
 * Real files of every kind the file exchange meets, made in memory: the allowed ones (a PNG, a
 * JPEG, a GIF, a WebP, a one-page PDF with a blue box on it, Word / Excel / PowerPoint packages,
 * UTF-8 text and CSV) and the ones it must refuse (an HTML page, a Windows and a Linux program,
 * an SVG, Latin-1 text, a ZIP). Tests upload them under honest and dishonest names.
 */

const bytes = (...parts: (string | number[] | Uint8Array)[]): Uint8Array =>
  Buffer.concat(parts.map((p) => (typeof p === "string" ? Buffer.from(p, "latin1") : Buffer.from(p))));

/** A width × height PNG filled with one colour (RGBA 8-bit). */
export function png(width = 4, height = 3, rgba: [number, number, number, number] = [30, 90, 200, 255]): Uint8Array {
  const chunk = (type: string, data: Uint8Array) => {
    const head = Buffer.alloc(8);
    head.writeUInt32BE(data.length, 0);
    head.write(type, 4, "latin1");
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(Buffer.concat([Buffer.from(type, "latin1"), data])) >>> 0, 0);
    return Buffer.concat([head, data, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 6, 0, 0, 0], 8);
  const row = Buffer.concat([Buffer.from([0]), Buffer.from(Array.from({ length: width }, () => rgba).flat())]);
  const raw = Buffer.concat(Array.from({ length: height }, () => row));
  return bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], chunk("IHDR", ihdr), chunk("IDAT", deflateSync(raw)), chunk("IEND", new Uint8Array()));
}

/** The start of a baseline JPEG (what content sniffing looks at), then filler. */
export const jpeg = (): Uint8Array => bytes([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10], "JFIF\0", [1, 1, 0, 0, 1, 0, 1, 0, 0], new Uint8Array(200).fill(7), [0xff, 0xd9]);
export const gif = (): Uint8Array => bytes("GIF89a", [1, 0, 1, 0, 0x80, 0, 0, 0, 0, 0, 255, 255, 255, 0x2c, 0, 0, 0, 0, 1, 0, 1, 0, 0, 2, 2, 0x44, 1, 0, 0x3b]);
export const webp = (): Uint8Array => {
  const vp8 = bytes("VP8L", [5, 0, 0, 0, 0x2f, 0, 0, 0, 0x10, 0]);
  const size = Buffer.alloc(4);
  size.writeUInt32LE(4 + vp8.length, 0);
  return bytes("RIFF", size, "WEBP", vp8);
};

/** A valid one-page PDF (200 × 100 pt) with a blue box, that poppler renders. */
export function pdf(): Uint8Array {
  const content = "0 0 1 rg 20 20 160 60 re f\n";
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 100] /Contents 4 0 R /Resources << >> >>",
    `<< /Length ${content.length} >>\nstream\n${content}endstream`,
  ];
  let out = "%PDF-1.4\n";
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, "0")} 00000 n \n`).join("")}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, "latin1");
}

/** A ZIP of stored (uncompressed) entries. */
export function zip(entries: Record<string, string>): Uint8Array {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of Object.entries(entries)) {
    const data = Buffer.from(text, "utf8");
    const fileName = Buffer.from(name, "utf8");
    const crc = crc32(data) >>> 0;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(fileName.length, 26);
    locals.push(local, fileName, data);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(fileName.length, 28);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, fileName);
    offset += local.length + fileName.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(entries).length, 8);
  end.writeUInt16LE(Object.keys(entries).length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const office = (part: string, main: string) =>
  zip({
    "[Content_Types].xml": `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/${part}" ContentType="${main}.main+xml"/></Types>`,
    [part]: "<?xml version=\"1.0\"?><root/>",
  });

export const docx = () => office("word/document.xml", "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
export const xlsx = () => office("xl/workbook.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
export const pptx = () => office("ppt/presentation.xml", "application/vnd.openxmlformats-officedocument.presentationml.presentation");
export const plainZip = () => zip({ "notes/readme.txt": "hello" });

export const text = (s = "Order 1042: the screen flickers after the update.\n屏幕在更新后闪烁。\n"): Uint8Array => Buffer.from(s, "utf8");
export const csv = (): Uint8Array => Buffer.from("sku,qty,price\nNB-14,1,6999\n耳机,2,199\n", "utf8");
export const html = (): Uint8Array => Buffer.from('<!DOCTYPE html><html><body><script>fetch("/api/tickets").then(r => r.text()).then(alert)</script></body></html>', "utf8");
/** A page that hides its markup after a line of text. */
export const sneakyHtml = (): Uint8Array => Buffer.from('Quarterly figures attached.\n<iframe src="https://example.invalid/"></iframe>\n', "utf8");
export const svg = (): Uint8Array => Buffer.from('<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10" fill="blue"/></svg>', "utf8");
/** The head of a Windows program (MZ … PE). */
export const exe = (): Uint8Array => {
  const b = Buffer.alloc(512);
  b.write("MZ", 0, "latin1");
  b.writeUInt32LE(0x80, 0x3c);
  b.write("PE\0\0", 0x80, "latin1");
  return b;
};
export const elf = (): Uint8Array => bytes([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0], new Uint8Array(120));
export const latin1Text = (): Uint8Array => Buffer.from("Caf\xe9 cr\xe8me br\xfbl\xe9e\n", "latin1");
export const textWithNul = (): Uint8Array => Buffer.from("hello\0world\n", "latin1");
