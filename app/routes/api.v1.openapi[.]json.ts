import { env } from "~/lib/env.server";
import { openApiDocument } from "~/services/api/openapi";

/** GET /api/v1/openapi.json — public, so integrators can read it before they have a token. */
export function loader() {
  return Response.json(openApiDocument(`${env().PUBLIC_URL}/api/v1`), { headers: { "Cache-Control": "public, max-age=300" } });
}
