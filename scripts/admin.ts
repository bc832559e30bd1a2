/**
 * Operators' tool for staff accounts, in the database the server is configured for
 * (ATRIUM_DATABASE_URL, else ATRIUM_DB_PATH). Run it as `npm run admin -- <command> …`; `npm run admin -- help` lists them.
 */
import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import { z } from "zod";
import { hashPassword } from "../game-server/auth/password.ts";
import { StaffRole } from "../game-server/auth/roles.ts";
import { DisplayName } from "../game-server/protocol/messages.ts";
import { openStorage } from "../game-server/storage/open-storage.ts";
import { StorageConflict, type Storage } from "../game-server/storage/storage.ts";
import { readConfig } from "../server/config.ts";
import { seedDemoHalls } from "../server/seed.ts";

const HELP = `Atrium admin — staff accounts in the configured database (ATRIUM_DATABASE_URL, else ATRIUM_DB_PATH)

  npm run admin -- create-user --email <email> --name <name> --role <role>
                   [--halls demo,bank] [--skills a,b] [--languages zh-CN,en] [--password <pw>]
      Creates a staff account. Roles: ${StaffRole.options.join(", ")}.
      --halls: the halls they work in (default: every hall). The password (at least
      10 characters) is read from stdin when --password is not given (safer: it stays
      out of the shell history), e.g.  printf '%s' "$PW" | npm run admin -- create-user …
  npm run admin -- set-password --email <email> [--password <pw>]
      Replaces a staff member's password (read from stdin likewise).
  npm run admin -- list-users
      Lists every staff account.
  npm run admin -- help
`;

const Email = z.string().trim().toLowerCase().email("--email is not a valid email");
const Password = z.string().min(10, "the password needs at least 10 characters").max(1024, "the password is too long");
const Lang = z.enum(["en", "zh-CN"], { error: "--languages may be en and zh-CN" });
const list = (value: string | undefined) => (value ?? "").split(",").map((s) => s.trim()).filter(Boolean);

class UsageError extends Error {}

async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  if (!command || command === "help" || command === "--help") {
    process.stdout.write(HELP);
    return;
  }
  const { values } = parseArgs({
    args: rest,
    options: { email: { type: "string" }, name: { type: "string" }, role: { type: "string" }, halls: { type: "string" }, skills: { type: "string" }, languages: { type: "string" }, password: { type: "string" } },
  });
  const storage: Storage = openStorage(readConfig());
  try {
    await storage.migrate();
    // What the server does on its first start, so --halls can name the demo halls in a new database.
    await seedDemoHalls(storage);
    if (command === "create-user") await createUser(storage, values);
    else if (command === "set-password") await setPassword(storage, values);
    else if (command === "list-users") await listUsers(storage);
    else throw new UsageError(`unknown command "${command}"`);
  } finally {
    await storage.close();
  }
}

type Values = Record<string, string | undefined>;

async function createUser(storage: Storage, values: Values): Promise<void> {
  const email = parse(Email, values.email, "--email is required");
  const name = parse(DisplayName, values.name, "--name is required");
  const roles = `one of ${StaffRole.options.join(", ")}`;
  const role = parse(StaffRole, values.role, `--role is required: ${roles}`, `--role must be ${roles}`);
  const hallIds = list(values.halls);
  for (const id of hallIds) if (!(await storage.halls.get(id))) throw new UsageError(`--halls: no hall "${id}"`);
  const languages = list(values.languages ?? "en").map((l) => parse(Lang, l, ""));
  const skills = list(values.skills);
  const passwordHash = await hashPassword(parse(Password, values.password ?? (await readPassword()), "a password is required"));
  try {
    const staff = await storage.staff.create({ email, displayName: name, role, hallIds, skills, languages, passwordHash, disabled: false });
    process.stdout.write(`created ${staff.role} ${staff.displayName} <${staff.email}> (id ${staff.id}) for ${hallIds.length ? `halls ${hallIds.join(", ")}` : "every hall"}\n`);
  } catch (error) {
    if (error instanceof StorageConflict) throw new UsageError(`${email} already has an account`);
    throw error;
  }
}

async function setPassword(storage: Storage, values: Values): Promise<void> {
  const email = parse(Email, values.email, "--email is required");
  const staff = await storage.staff.byEmail(email);
  if (!staff) throw new UsageError(`no staff account ${email}`);
  await storage.staff.setPassword(staff.id, await hashPassword(parse(Password, values.password ?? (await readPassword()), "a password is required")));
  await storage.staff.clearFailedLogins(staff.id);
  process.stdout.write(`new password set for ${staff.email}\n`);
}

async function listUsers(storage: Storage): Promise<void> {
  for (const s of await storage.staff.list()) {
    const halls = s.hallIds.length ? s.hallIds.join(",") : "*";
    process.stdout.write(`${s.email}\t${s.displayName}\t${s.role}\thalls=${halls}\tskills=${s.skills.join(",")}\tlanguages=${s.languages.join(",")}${s.disabled ? "\tDISABLED" : ""}\n`);
  }
}

function parse<T>(schema: z.ZodType<T>, value: string | undefined, missing: string, invalid?: string): T {
  if (value === undefined) throw new UsageError(missing);
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new UsageError(invalid ?? parsed.error.issues[0]?.message ?? missing);
  return parsed.data;
}

/** The first line of stdin (a prompt first when someone is typing). */
async function readPassword(): Promise<string | undefined> {
  if (process.stdin.isTTY) process.stderr.write("Password (at least 10 characters): ");
  const lines = createInterface({ input: process.stdin, terminal: false });
  for await (const line of lines) {
    lines.close();
    return line;
  }
  return undefined;
}

main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof UsageError || (error as { code?: string }).code?.startsWith("ERR_PARSE_ARGS")) {
    process.stderr.write(`admin: ${(error as Error).message}\n(npm run admin -- help)\n`);
    process.exitCode = 2;
  } else {
    process.stderr.write(`admin: ${(error as Error).stack ?? String(error)}\n`);
    process.exitCode = 1;
  }
});
