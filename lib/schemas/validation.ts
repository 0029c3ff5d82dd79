// zod issues -> the API's validation error details.
import type { z } from "zod";
import { AppError } from "@/lib/errors";

export function toDetails(error: z.ZodError) {
  return error.issues.map((i) => ({ path: i.path.join(".") || "/", message: i.message }));
}

/** Paths of strings (values or keys) holding a NUL character, which PostgreSQL text cannot store. */
export function nulPaths(value: unknown, path: string[] = [], out: string[] = []): string[] {
  if (out.length >= 20) return out;
  if (typeof value === "string") {
    if (value.includes("\u0000")) out.push(path.join(".") || "/");
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => nulPaths(v, [...path, String(i)], out));
  } else if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      if (k.includes("\u0000")) out.push([...path, k].join("."));
      nulPaths(v, [...path, k], out);
    }
  }
  return out;
}

/** Parse or throw a 422 AppError with { path, message } details. */
export function parseOrThrow<T extends z.ZodType>(schema: T, data: unknown, what = "request body"): z.infer<T> {
  const nul = nulPaths(data);
  if (nul.length) throw new AppError("validation_failed", `Invalid ${what}`, nul.map((p) => ({ path: p, message: "must not contain NUL characters" })));
  const r = schema.safeParse(data);
  if (!r.success) throw new AppError("validation_failed", `Invalid ${what}`, toDetails(r.error));
  return r.data;
}
