import type { Role } from "#db/schema";
import { forbidden } from "~/lib/http.server";
import { hasRole, requireUser, type SessionUser } from "~/lib/session.server";

/** Who may look at installation companies (their qualifications, contacts and track record). */
export const VENDOR_VIEW_ROLES: Role[] = ["pm", "management", "admin", "finance"];
/** Who may create and change them: the pms who deal with them, and admins. */
export const VENDOR_EDIT_ROLES: Role[] = ["pm", "admin"];

export function canViewVendors(user: Pick<SessionUser, "roles">): boolean {
  return hasRole(user, ...VENDOR_VIEW_ROLES);
}

export function canEditVendors(user: Pick<SessionUser, "roles">): boolean {
  return hasRole(user, ...VENDOR_EDIT_ROLES);
}

/** Page loaders/actions: signed in (else /login) and allowed to view (else 403). */
export async function requireVendorViewer(request: Request): Promise<SessionUser> {
  const user = await requireUser(request);
  if (!canViewVendors(user)) forbidden();
  return user;
}

export function assertVendorViewer(user: SessionUser): void {
  if (!canViewVendors(user)) forbidden();
}

export function assertVendorEditor(user: SessionUser): void {
  if (!canEditVendors(user)) forbidden();
}
