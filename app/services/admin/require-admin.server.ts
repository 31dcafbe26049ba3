import { forbidden } from "~/lib/http.server";
import { hasRole, requireUser, type SessionUser } from "~/lib/session.server";

/** Every admin loader and action starts here: signed in (else to /login) and holding `admin` (else 403). */
export async function requireAdmin(request: Request): Promise<SessionUser> {
  const user = await requireUser(request);
  if (!hasRole(user, "admin")) forbidden();
  return user;
}
