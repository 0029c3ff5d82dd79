// The {branch} value of a run: a git ref name that is also harmless as a file
// name and as an argument (never an option).
import { z } from "zod";

/** Git ref names that are also harmless as file names: no "..", no leading "-" or "/", no control or shell-special characters. */
export const branchSchema = z
  .string()
  .trim()
  .min(1)
  .max(200)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._/+-]*$/, "letters, digits, '.', '_', '/', '+' and '-', starting with a letter or digit")
  .refine((b) => !b.includes("..") && !b.includes("//") && !b.endsWith("/") && !b.endsWith(".lock") && !b.endsWith("."), "not a valid git ref name");
