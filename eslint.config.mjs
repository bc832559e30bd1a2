import tseslint from "typescript-eslint";

/*
 * Import rules: each folder README's "May import" line, enforced. Patterns are regular
 * expressions over the import string (imports are relative, so they match a folder name
 * after a slash). Flat config applies only the last matching block's options for a rule, so
 * every block below states its folder's whole list.
 */
const restrict = (regex, message, extra = {}) => ({ regex, message, ...extra });
const GAME_SERVER_INTERNALS = "(^|/)game-server/(?!protocol/)";
const GAME_SERVER_PROTOCOL = "(^|/)game-server/protocol/";
const rule = (...patterns) => ({ "@typescript-eslint/no-restricted-imports": ["error", { patterns }] });

const sfuRules = [
  restrict(GAME_SERVER_INTERNALS, "sfu/ does not import game-server: the hall drives the SFU through sfu/index.ts, never the other way round (sfu/README.md)."),
  restrict(GAME_SERVER_PROTOCOL, "sfu/ may import game-server/protocol for payload types only: `import type`, nothing at run time (sfu/README.md).", { allowTypeImports: true }),
  restrict("(^|/)(app|server|scenes|avatars)/", "sfu/ imports only mediasoup (and protocol types): not app/, server/, scenes/ or avatars/ (sfu/README.md)."),
];

const gameServerNever = restrict("(^|/)(app|server)/", "game-server/ never imports app/ or server/: the server assembly imports game-server, not the other way round (game-server/README.md).");
const gameServerAvatars = restrict("(^|/)avatars/", "game-server/ does not import avatars/ (game-server/README.md); tests may.");
const sfuSeam = restrict("(^|/)sfu/(?!index\\.ts$)", "game-server/ uses the SFU only through sfu/index.ts (export what you need there), types included (game-server/README.md).");

const protocolRules = [
  restrict("^\\.\\./", "game-server/protocol is what the app imports: it imports nothing outside itself but zod and @colyseus/schema (game-server/README.md)."),
];

const appOutside = [
  restrict(GAME_SERVER_INTERNALS, "app/ imports only game-server/protocol from game-server, never its internals (app/README.md)."),
  restrict("(^|/)(sfu|server|test-support|e2e|bench)/", "app/ imports only game-server/protocol, scenes/ and avatars/ from outside app (app/README.md)."),
];
const notCheckPage = restrict("(^|/)check/", "The /check page folder is a page, not a library: shared device code lives in app/_devices (app/README.md).");

const libraryRules = (folder) => restrict(`(^|/)(app|game-server|sfu|server)/`, `${folder}/ is a library: it imports nothing from app/, game-server/, sfu/ or server/ (${folder}/README.md); its tests may import game-server/protocol.`);
const libraryTestRules = (folder) => [
  restrict(GAME_SERVER_INTERNALS, `${folder}/ tests may import game-server/protocol, nothing else of game-server (${folder}/README.md).`),
  restrict("(^|/)(app|sfu|server)/", `${folder}/ is a library: it imports nothing from app/, sfu/ or server/ (${folder}/README.md).`),
];

export default tseslint.config(
  {
    ignores: ["node_modules/**", ".next/**", "data/**", "test-results/**", "next-env.d.ts", "bench/results/**", "scripts/mediasoup-worker/**", "public/models/**"],
  },
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": "error",
      "no-console": ["error", { allow: ["warn", "error"] }],
      eqeqeq: ["error", "always"],
    },
  },
  {
    files: ["scripts/**", "bench/**", "e2e/**"],
    rules: { "no-console": "off" },
  },
  // --- import rules (folder READMEs, "May import") ---
  { files: ["sfu/**"], rules: rule(...sfuRules) },
  // A test may check that the SFU's constants stay in step with the protocol's (values, not only types).
  { files: ["sfu/**/*.test.ts"], rules: rule(sfuRules[0], sfuRules[2]) },
  { files: ["game-server/**"], rules: rule(gameServerNever, gameServerAvatars, sfuSeam) },
  { files: ["game-server/**/*.test.ts"], rules: rule(gameServerNever, sfuSeam) },
  { files: ["game-server/protocol/**"], rules: rule(...protocolRules) },
  { files: ["app/**"], rules: rule(...appOutside, notCheckPage) },
  { files: ["app/check/**"], rules: rule(...appOutside) },
  { files: ["scenes/**"], rules: rule(libraryRules("scenes")) },
  { files: ["scenes/**/*.test.ts"], rules: rule(...libraryTestRules("scenes")) },
  { files: ["avatars/**"], rules: rule(libraryRules("avatars")) },
  { files: ["avatars/**/*.test.ts"], rules: rule(...libraryTestRules("avatars")) },
);
