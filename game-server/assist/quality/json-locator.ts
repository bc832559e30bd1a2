/**
 * Where things are in a JSON text, so that an error in a rules file a supervisor edited can say
 * "line 12, column 7" instead of "rules.3.kind". `JSON.parse` neither keeps positions nor, for
 * some errors, says where it stopped ("Unexpected token '}' … is not valid JSON"), so this walks
 * the text itself: a small recursive-descent reader of the JSON grammar that records where every
 * value and every key starts, and throws `JsonSyntaxError` with the offset of the first fault.
 */
export type JsonPath = ReadonlyArray<PropertyKey>;

/** 1-based line and column (UTF-16 code units, as editors count for the characters rules use). */
export interface TextPosition {
  offset: number;
  line: number;
  column: number;
}

export class JsonSyntaxError extends Error {
  readonly offset: number;

  constructor(message: string, offset: number) {
    super(message);
    this.name = "JsonSyntaxError";
    this.offset = offset;
  }
}

/** Deeper than this is not a rules file but an attempt to exhaust the stack. */
const MAX_DEPTH = 64;

export function positionAt(text: string, offset: number): TextPosition {
  const at = Math.max(0, Math.min(offset, text.length));
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < at; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { offset: at, line, column: at - lineStart + 1 };
}

export interface JsonLocations {
  /** Where the value at `path` starts; undefined when the text has no such value. */
  value(path: JsonPath): TextPosition | undefined;
  /** Where the key naming the value at `path` starts (the opening quote); undefined for array items and absent keys. */
  key(path: JsonPath): TextPosition | undefined;
  /**
   * The best place to point at for `path`: its value, else (a member that is missing) the
   * deepest enclosing value that exists — the object that lacks the key.
   */
  nearest(path: JsonPath): TextPosition;
}

/** Reads `text` as JSON and records positions; throws `JsonSyntaxError` where the text stops being JSON. */
export function locateJson(text: string): JsonLocations {
  const values = new Map<string, number>();
  const keys = new Map<string, number>();
  const reader = new Reader(text, values, keys);
  reader.document();
  const at = (offset: number | undefined) => (offset === undefined ? undefined : positionAt(text, offset));
  return {
    value: (path) => at(values.get(pathKey(path))),
    key: (path) => at(keys.get(pathKey(path))),
    nearest(path) {
      for (let n = path.length; n >= 0; n--) {
        const offset = values.get(pathKey(path.slice(0, n)));
        if (offset !== undefined) return positionAt(text, offset);
      }
      return positionAt(text, 0);
    },
  };
}

const pathKey = (path: JsonPath): string => JSON.stringify(path.map((p) => (typeof p === "number" ? p : String(p))));

class Reader {
  private at = 0;
  private readonly text: string;
  private readonly values: Map<string, number>;
  private readonly keys: Map<string, number>;

  constructor(text: string, values: Map<string, number>, keys: Map<string, number>) {
    this.text = text;
    this.values = values;
    this.keys = keys;
  }

  document(): void {
    this.space();
    if (this.at >= this.text.length) this.fail("the file is empty");
    this.value([], 0);
    this.space();
    if (this.at < this.text.length) this.fail(`unexpected ${this.describe()} after the end of the document`);
  }

  private value(path: Array<string | number>, depth: number): void {
    if (depth > MAX_DEPTH) this.fail(`nested more than ${MAX_DEPTH} levels deep`);
    this.values.set(JSON.stringify(path), this.at);
    const c = this.text[this.at];
    if (c === "{") this.object(path, depth);
    else if (c === "[") this.array(path, depth);
    else if (c === '"') this.string();
    else if (c === "-" || (c !== undefined && c >= "0" && c <= "9")) this.number();
    else if (this.text.startsWith("true", this.at)) this.at += 4;
    else if (this.text.startsWith("false", this.at)) this.at += 5;
    else if (this.text.startsWith("null", this.at)) this.at += 4;
    else this.fail(`expected a value, found ${this.describe()}`);
  }

  private object(path: Array<string | number>, depth: number): void {
    this.at++;
    this.space();
    if (this.text[this.at] === "}") {
      this.at++;
      return;
    }
    for (;;) {
      if (this.text[this.at] !== '"') this.fail(`expected a key in double quotes, found ${this.describe()}`);
      const keyAt = this.at;
      const name = this.string();
      const member = [...path, name];
      this.keys.set(JSON.stringify(member), keyAt);
      this.space();
      if (this.text[this.at] !== ":") this.fail(`expected ":" after the key "${name}", found ${this.describe()}`);
      this.at++;
      this.space();
      this.value(member, depth + 1);
      this.space();
      const c = this.text[this.at];
      if (c === "}") {
        this.at++;
        return;
      }
      if (c !== ",") this.fail(`expected "," or "}" after the value of "${name}", found ${this.describe()}`);
      const comma = this.at;
      this.at++;
      this.space();
      if (this.text[this.at] === "}") this.fail('a comma before "}" (JSON allows no trailing comma)', comma);
    }
  }

  private array(path: Array<string | number>, depth: number): void {
    this.at++;
    this.space();
    if (this.text[this.at] === "]") {
      this.at++;
      return;
    }
    for (let index = 0; ; index++) {
      this.value([...path, index], depth + 1);
      this.space();
      const c = this.text[this.at];
      if (c === "]") {
        this.at++;
        return;
      }
      if (c !== ",") this.fail(`expected "," or "]" after an item, found ${this.describe()}`);
      const comma = this.at;
      this.at++;
      this.space();
      if (this.text[this.at] === "]") this.fail('a comma before "]" (JSON allows no trailing comma)', comma);
    }
  }

  /** Reads a string and returns its value (keys are recorded by value). */
  private string(): string {
    const start = this.at;
    this.at++;
    for (;;) {
      const c = this.text[this.at];
      if (c === undefined) this.fail("a string is not closed (missing \")", start);
      if (c === '"') break;
      if (c.charCodeAt(0) < 0x20) this.fail(c === "\n" ? 'a string is not closed before the end of the line (missing ")' : "a control character inside a string");
      if (c === "\\") {
        const e = this.text[this.at + 1];
        if (e === "u") {
          if (!/^[0-9a-fA-F]{4}$/.test(this.text.slice(this.at + 2, this.at + 6))) this.fail("\\u must be followed by four hex digits");
          this.at += 6;
          continue;
        }
        if (e === undefined || !'"\\/bfnrt'.includes(e)) this.fail(`unknown escape \\${e ?? ""} in a string`);
        this.at += 2;
        continue;
      }
      this.at++;
    }
    this.at++;
    return JSON.parse(this.text.slice(start, this.at)) as string;
  }

  private number(): void {
    const m = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(this.text.slice(this.at, this.at + 400));
    if (!m) this.fail(`a malformed number`);
    this.at += m[0].length;
    if (/[0-9A-Za-z_.]/.test(this.text[this.at] ?? "")) this.fail("a malformed number");
  }

  private space(): void {
    while (this.at < this.text.length && " \t\n\r".includes(this.text[this.at]!)) this.at++;
  }

  private describe(): string {
    const c = this.text[this.at];
    if (c === undefined) return "the end of the file";
    if (c === "'") return "a single quote (JSON strings use double quotes)";
    const word = /^[A-Za-z_][\w]*/.exec(this.text.slice(this.at, this.at + 40));
    return word ? `"${word[0]}"` : `"${c}"`;
  }

  private fail(message: string, offset = this.at): never {
    throw new JsonSyntaxError(message, offset);
  }
}
