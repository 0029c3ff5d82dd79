// Next hands a page its search params as Record<string, string | string[] | undefined>.
// A repeated parameter (?mode=a&mode=b) counts by its first value, everywhere:
// these helpers are the one place that rule is written.
import { z } from "zod";

export type SearchParams = Record<string, string | string[] | undefined>;

export function firstValue<T>(v: T | T[] | undefined): T | undefined {
  return Array.isArray(v) ? v[0] : v;
}

/** Every parameter by its first value; absent ones are left out. */
export function firstValues(sp: SearchParams): Record<string, string> {
  return Object.fromEntries(Object.entries(sp).flatMap(([k, v]) => {
    const first = firstValue(v);
    return first === undefined ? [] : [[k, first]];
  }));
}

/** A zod field that reads a search param by its first value. */
export function oneParam<T extends z.ZodType>(schema: T) {
  return z.preprocess(firstValue, schema);
}
