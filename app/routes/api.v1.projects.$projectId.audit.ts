import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "#db/client";
import { apiOk, handleApi, requireApiUser } from "~/lib/api.server";
import { requireVisibleProject } from "~/lib/permissions.server";
import { listAuditEvents } from "~/services/projects/timeline.server";

const PAGE_SIZE = 50;

/** GET /api/v1/projects/:id/audit?page= — the append-only audit log, newest first. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  return handleApi(request, async () => {
    const user = await requireApiUser(request);
    const db = getDb();
    const project = await requireVisibleProject(db, user, params.projectId ?? "");
    const page = Math.max(1, Math.min(10_000, Number.parseInt(new URL(request.url).searchParams.get("page") ?? "1", 10) || 1));
    const { rows, total } = await listAuditEvents(db, project.id, { limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE });
    const items = rows.map((r) => ({
      id: r.id, at: r.at, event: r.event, actor: r.actorLabel, actorUserId: r.actorUserId, role: r.role, ip: r.ip, userAgent: r.userAgent,
      fromStage: r.fromStage, toStage: r.toStage, fromState: r.fromState, toState: r.toState, projectVersion: r.projectVersion, payload: r.payload,
    }));
    return apiOk({ items, total, page, pageSize: PAGE_SIZE });
  });
}
