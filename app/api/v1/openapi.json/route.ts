// GET /api/v1/openapi.json - the API description, generated from the zod schemas (public)
import { buildOpenApi } from "@/lib/openapi";

export const dynamic = "force-static";

export function GET() {
  return Response.json(buildOpenApi());
}
