import { and, eq, exists, sql, type SQL } from "drizzle-orm";
import type { Db } from "#db/client";
import { projectMembers, projects, type Role } from "#db/schema";
import type { SessionUser } from "./session.server";
import { notFound } from "./http.server";

/** Roles that see every project (read); everyone else sees only the projects they belong to. */
const SEE_ALL: Role[] = ["admin", "management", "finance", "service"];
const EXTERNAL_PARTIES: Role[] = ["supervisor", "client", "designer", "vendor"];

export function seesAllProjects(user: Pick<SessionUser, "roles">): boolean {
  return user.roles.some((r) => SEE_ALL.includes(r));
}

/**
 * The WHERE condition limiting a project query to what this user may see: a pm their own projects,
 * an external party the projects they were invited to. Used by every list and every lookup.
 */
export function projectVisibility(user: Pick<SessionUser, "id" | "roles">): SQL | undefined {
  if (seesAllProjects(user)) return undefined;
  const conditions: SQL[] = [];
  if (user.roles.includes("pm")) conditions.push(eq(projects.pmId, user.id));
  if (user.roles.some((r) => EXTERNAL_PARTIES.includes(r))) {
    conditions.push(
      exists(
        sql`(select 1 from ${projectMembers} where ${projectMembers.projectId} = ${projects.id} and ${projectMembers.userId} = ${user.id})`,
      ),
    );
  }
  if (conditions.length === 0) return sql`false`;
  return conditions.length === 1 ? conditions[0] : sql`(${sql.join(conditions, sql` or `)})`;
}

/** The project row if this user may see it; otherwise a 404 (not 403: ids of others' records leak nothing). */
export async function requireVisibleProject(db: Db, user: SessionUser, projectId: string) {
  if (!/^[0-9a-f-]{36}$/i.test(projectId)) notFound();
  const visibility = projectVisibility(user);
  const [project] = await db
    .select()
    .from(projects)
    .where(visibility ? and(eq(projects.id, projectId), visibility) : eq(projects.id, projectId))
    .limit(1);
  if (!project) notFound();
  return project;
}

/** Editing a project's master data: its own pm or an admin. */
export function canEditProject(user: Pick<SessionUser, "id" | "roles">, project: { pmId: string }): boolean {
  return user.roles.includes("admin") || (user.roles.includes("pm") && project.pmId === user.id);
}

export function canCreateProject(user: Pick<SessionUser, "roles">): boolean {
  return user.roles.includes("pm") || user.roles.includes("admin");
}
