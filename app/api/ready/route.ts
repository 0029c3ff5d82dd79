// GET /api/ready - database reachable and all migrations applied (503 otherwise)
import { getReadiness } from "@/lib/queries/get-readiness";

export const dynamic = "force-dynamic";

export async function GET() {
  const r = await getReadiness();
  return Response.json({ status: r.ready ? "ready" : "not_ready", ...r.checks }, { status: r.ready ? 200 : 503 });
}
