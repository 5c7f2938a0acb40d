// Where the centricity binary under test is: CENTRICITY_BIN if set, else the debug build
// where cargo put it (CARGO_TARGET_DIR, a relative one taken from the repository's root),
// else target/debug in the repository. Build it first: `cargo build`.
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";

export const root = resolve(import.meta.dirname, "../..");

export function binaryPath(env = process.env) {
  if (env.CENTRICITY_BIN) return env.CENTRICITY_BIN;
  const target = env.CARGO_TARGET_DIR ? resolve(root, env.CARGO_TARGET_DIR) : join(root, "target");
  return join(target, "debug", process.platform === "win32" ? "centricity.exe" : "centricity");
}

export const binary = binaryPath();

if (import.meta.main || process.argv[1] === import.meta.filename) {
  // `node binary.mjs` prints the path, for a check of this rule
  console.log(binary);
} else if (!existsSync(binary)) {
  throw new Error(`no centricity binary at ${binary}: run \`cargo build\` first, or set CENTRICITY_BIN`);
}
