// In-process cache of spec identities: (project, identity hash) -> test case
// id. A spec's id never changes once committed, and CI posts the same suite
// over and over, so a warm cache spares the biggest lookup of an ingest.
// Filled only after the creating transaction committed; bounded (oldest out).
const MAX_ENTRIES = 500_000;
const cache = new Map<string, string>();

const key = (projectId: string, hash: string) => `${projectId}:${hash}`;

export function cachedSpecId(projectId: string, hash: string): string | undefined {
  return cache.get(key(projectId, hash));
}

export function rememberSpecIds(projectId: string, ids: Map<string, string>): void {
  for (const [hash, id] of ids) cache.set(key(projectId, hash), id);
  if (cache.size > MAX_ENTRIES) {
    let excess = cache.size - MAX_ENTRIES;
    for (const k of cache.keys()) {
      if (excess-- <= 0) break;
      cache.delete(k);
    }
  }
}

/** For tests and for project deletion. */
export function forgetSpecIds(): void {
  cache.clear();
}
