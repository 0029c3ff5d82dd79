// Entry of the served uploader (GET /runboard.mjs, bundled by
// lib/ops/build-uploader.ts): only the commands that talk to a Runboard server
// over HTTP, so it runs with nothing but Node installed.
import { processIo } from "@/lib/cli/io";
import { runRemote } from "@/lib/cli/remote";

declare const RUNBOARD_UPLOADER_VERSION: string;

// Node 18's fetch warns that buffer.File is experimental when a report is sent
// as multipart: noise in a CI log, not something the user can act on.
const emitWarning = process.emitWarning.bind(process);
process.emitWarning = ((warning: string | Error, ...rest: unknown[]) => {
  if (String(typeof warning === "string" ? warning : warning.message).includes("buffer.File")) return;
  (emitWarning as (...a: unknown[]) => void)(warning, ...rest);
}) as typeof process.emitWarning;

const version = typeof RUNBOARD_UPLOADER_VERSION === "string" ? RUNBOARD_UPLOADER_VERSION : "dev";
const code = await runRemote(process.argv.slice(2), process.env, processIo, version);
process.exit(code);
