// Root-cause categories. Every project starts with the defaults below (keys are
// what the suggestion rules name); leads can rename them or add their own.
import type pg from "pg";
import { v7 as uuidv7 } from "uuid";

export const DEFAULT_CATEGORIES = [
  { key: "unanalysed", label: "Not yet analysed" },
  { key: "timing", label: "Test timing" },
  { key: "expectation", label: "Expectation mismatch" },
  { key: "test_data", label: "Test data / config" },
  { key: "product_bug", label: "Product bug or missing feature" },
  { key: "infrastructure", label: "Infrastructure" },
  { key: "flaky", label: "Flaky" },
] as const;

/** The project's categories by key, creating the defaults on first use. */
export async function ensureCategories(client: pg.PoolClient, projectId: string): Promise<Map<string, string>> {
  const read = async () => {
    const { rows } = await client.query(`SELECT id, key FROM triage_categories WHERE "projectId" = $1`, [projectId]);
    return new Map<string, string>(rows.map((r) => [r.key, r.id]));
  };
  const existing = await read();
  // a lead may have added a category before the first failure: fill in any missing default
  if (DEFAULT_CATEGORIES.every((c) => existing.has(c.key))) return existing;
  await client.query(
    `INSERT INTO triage_categories (id, "projectId", key, label, position)
     SELECT x.id, $1, x.key, x.label, x.pos FROM unnest($2::uuid[], $3::text[], $4::text[], $5::int[]) AS x(id, key, label, pos)
     ON CONFLICT ("projectId", key) DO NOTHING`,
    [projectId, DEFAULT_CATEGORIES.map(() => uuidv7()), DEFAULT_CATEGORIES.map((c) => c.key), DEFAULT_CATEGORIES.map((c) => c.label),
      DEFAULT_CATEGORIES.map((_, i) => i)],
  );
  return read();
}
