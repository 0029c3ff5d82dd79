// The served uploader (GET /runboard.mjs): lib/cli/uploader.ts and what it
// imports (the upload and exec commands, the server's own zod schemas) bundled
// by esbuild into one dependency-free ES module for Node >= 18, stamped with
// the package version. Built by `npm run build` and by `npm start` when stale.
// zod's non-English error messages, its JSON Schema conversion and its schema
// compiler are left out (stubs that throw): the CLI never uses them, and they
// are half of zod's weight.
import fs from "node:fs";
import path from "node:path";
import { type Plugin, build } from "esbuild";
import { uploaderFile } from "@/lib/ops/uploader-file";

const ROOT = path.resolve(import.meta.dirname, "../..");
export const UPLOADER_ENTRY = path.join(ROOT, "lib/cli/uploader.ts");
/** Where the bundle is written and where GET /runboard.mjs reads it from. */
export const UPLOADER_FILE = uploaderFile(ROOT);

/** Modules of zod the uploader never calls: replaced by stubs with the same export names. */
const ZOD_UNUSED = /zod[\\/]v4[\\/](classic[\\/]from-json-schema|core[\\/](compile|json-schema-processors|to-json-schema|json-schema-generator))\.js$/;

/** `export const|function|class X` and `export { a as X }` names of a module. */
function exportNames(source: string): string[] {
  const names = new Set<string>();
  for (const m of source.matchAll(/export\s+(?:const|let|var|function\*?|async\s+function|class)\s+([A-Za-z_$][\w$]*)/g)) names.add(m[1]);
  for (const m of source.matchAll(/export\s*\{([^}]*)\}(?!\s*from)/g)) {
    for (const part of m[1].split(",")) {
      const name = part.trim().split(/\s+as\s+/).pop()?.trim();
      if (name) names.add(name);
    }
  }
  return [...names];
}

const slimZod: Plugin = {
  name: "slim-zod",
  setup(b) {
    b.onLoad({ filter: /zod[\\/]v4[\\/]locales[\\/][a-zA-Z-]+\.js$/ }, (args) => {
      const base = path.basename(args.path);
      if (base === "en.js" || base === "index.js") return undefined;
      return { contents: "export default function () { return { localeError: () => undefined }; }" };
    });
    b.onLoad({ filter: ZOD_UNUSED }, (args) => {
      const names = exportNames(fs.readFileSync(args.path, "utf8"));
      const stub = "const s = () => () => { throw new Error('not in the Runboard uploader'); };";
      return { contents: `${stub}\nexport { ${names.map((n) => `s as ${n}`).join(", ")} };` };
    });
  },
};

export function packageVersion(): string {
  return (JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as { version: string }).version;
}

/** Bundle the uploader; returns its path and size in bytes. */
export async function buildUploader(outfile = UPLOADER_FILE): Promise<{ file: string; bytes: number; version: string; inputs: Record<string, number> }> {
  const version = packageVersion();
  const result = await build({
    entryPoints: [UPLOADER_ENTRY],
    outfile,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node18",
    minify: true,
    legalComments: "none",
    tsconfig: path.join(ROOT, "tsconfig.json"),
    define: { RUNBOARD_UPLOADER_VERSION: JSON.stringify(version) },
    // picomatch and friends are CommonJS and require() Node built-ins
    banner: { js: `#!/usr/bin/env node\n// runboard uploader ${version}: node runboard.mjs --help\nimport { createRequire as __rbRequire } from "node:module"; const require = __rbRequire(import.meta.url);` },
    plugins: [slimZod],
    logLevel: "warning",
    metafile: true,
  });
  const inputs = Object.fromEntries(Object.entries(Object.values(result.metafile.outputs)[0].inputs).map(([k, v]) => [k, v.bytesInOutput]));
  return { file: outfile, bytes: fs.statSync(outfile).size, version, inputs };
}

/** True when the bundle is missing or older than the CLI and schema sources. */
export function uploaderIsStale(outfile = UPLOADER_FILE): boolean {
  if (!fs.existsSync(outfile)) return true;
  const built = fs.statSync(outfile).mtimeMs;
  const dirs = ["lib/cli", "lib/schemas", "lib/runner", "lib/format.ts", "package.json"].map((p) => path.join(ROOT, p));
  const newer = (p: string): boolean => {
    if (!fs.existsSync(p)) return false;
    const st = fs.statSync(p);
    if (st.isDirectory()) return fs.readdirSync(p).some((f) => newer(path.join(p, f)));
    return st.mtimeMs > built;
  };
  return dirs.some(newer);
}

// tsx lib/ops/build-uploader.ts [--if-stale] [OUTFILE]
if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const ifStale = args.includes("--if-stale");
  const out = args.find((a) => !a.startsWith("--"));
  const outfile = out ? path.resolve(out) : UPLOADER_FILE;
  if (ifStale && !uploaderIsStale(outfile)) process.exit(0);
  const r = await buildUploader(outfile);
  process.stdout.write(`[runboard] uploader ${r.version}: ${path.relative(process.cwd(), r.file)} (${(r.bytes / 1024).toFixed(1)} KB)\n`);
}
