// Ids in URLs are checked before they reach a uuid column: a malformed id is
// a 404, not a database error. The one UUID pattern: the CLI checks ids with
// isUuid, failure signatures mask UUIDs with UUID_IN_TEXT.
const HEX_UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
const UUID = new RegExp(`^${HEX_UUID}$`, "i");

/** Every UUID inside a longer text (global: use with replace). */
export const UUID_IN_TEXT = new RegExp(`\\b${HEX_UUID}\\b`, "gi");

export function isUuid(s: string): boolean {
  return UUID.test(s);
}
