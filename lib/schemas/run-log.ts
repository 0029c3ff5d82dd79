// Payload of POST /api/v1/runs/{id}/log: output chunks `runboard exec` posts
// while a CI command runs, in order; the server numbers them.
import { z } from "zod";

/** One chunk's text limit; the CLI never sends more than its tail (64 KB by default). */
export const MAX_LOG_CHUNK_CHARS = 256 * 1024;

export const runLogPayloadSchema = z.object({
  chunks: z
    .array(z.object({
      stream: z.enum(["stdout", "stderr", "system"]),
      text: z.string().min(1).max(MAX_LOG_CHUNK_CHARS),
    }))
    .min(1)
    .max(100),
});
export type RunLogPayload = z.infer<typeof runLogPayloadSchema>;
