export default function Loading() {
  return <p className="text-zinc-500" role="status">Loading…</p>;
}
