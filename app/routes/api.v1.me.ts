import type { LoaderFunctionArgs } from "@remix-run/node";
import { apiOk, handleApi, requireApiUser } from "~/lib/api.server";

/** GET /api/v1/me — who the token belongs to; handy to check a token from a script. */
export async function loader({ request }: LoaderFunctionArgs) {
  return handleApi(request, async () => {
    const user = await requireApiUser(request);
    return apiOk({ id: user.id, email: user.email, name: user.name, roles: user.roles });
  });
}
