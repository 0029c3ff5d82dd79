// Entry of the served uploader (GET /runboard.mjs, bundled by
// lib/ops/build-uploader.ts): only the commands that talk to a Runboard server
// over HTTP, so it runs with nothing but Node installed.
import { processIo } from "@/lib/cli/io";
import { runRemote } from "@/lib/cli/remote";

declare const RUNBOARD_UPLOADER_VERSION: string;

const version = typeof RUNBOARD_UPLOADER_VERSION === "string" ? RUNBOARD_UPLOADER_VERSION : "dev";
const code = await runRemote(process.argv.slice(2), process.env, processIo, version);
process.exit(code);
