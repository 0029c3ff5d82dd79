// zod issues -> the API's validation error details.
import type { z } from "zod";
import { AppError } from "@/lib/errors";

export function toDetails(error: z.ZodError) {
  return error.issues.map((i) => ({ path: i.path.join(".") || "/", message: i.message }));
}

/** Parse or throw a 422 AppError with { path, message } details. */
export function parseOrThrow<T extends z.ZodType>(schema: T, data: unknown, what = "request body"): z.infer<T> {
  const r = schema.safeParse(data);
  if (!r.success) throw new AppError("validation_failed", `Invalid ${what}`, toDetails(r.error));
  return r.data;
}
