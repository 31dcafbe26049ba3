// What the rectifications page and GET /rectifications show: notices with their replies as a thread,
// the supervisor's verdicts, evidence photos, overdue flags and the state of the links.
import { and, asc, desc, eq, inArray } from "drizzle-orm";
import type { Db } from "#db/client";
import { projectPhotos, rectificationReplies, rectifications, reviewTasks } from "#db/schema";
import { shanghaiDate } from "~/lib/calendar";
import { taskStatus, type ReviewTaskStatus } from "~/services/review/task-types";

type TaskView = { recipientName: string; recipientEmail: string; status: ReviewTaskStatus; expiresAt: string };

export interface RectificationListRow {
  id: string;
  number: string;
  subject: string;
  content: string;
  deadlineOn: string | null;
  status: "open" | "replied" | "closed";
  issuedVia: "link" | "paper" | "acceptance";
  issuedBy: string;
  createdAt: string;
  closedAt: string | null;
  /** Deadline passed (Asia/Shanghai calendar day) and not closed. */
  overdue: boolean;
  replies: { id: string; content: string; createdAt: string; verdict: "accepted" | "rejected" | null; verifierComment: string; verifiedAt: string | null; photoFileIds: string[]; task: TaskView | null }[];
}

function view(t: typeof reviewTasks.$inferSelect, now: Date): TaskView {
  return { recipientName: t.recipientName, recipientEmail: t.recipientEmail, status: taskStatus(t, now), expiresAt: t.expiresAt.toISOString() };
}

export async function listRectifications(db: Db, projectId: string, now = new Date()): Promise<{ notices: RectificationListRow[]; issueLink: TaskView | null }> {
  const today = shanghaiDate(now.toISOString());
  const rows = await db.select().from(rectifications).where(eq(rectifications.projectId, projectId)).orderBy(desc(rectifications.createdAt));
  const ids = rows.map((r) => r.id);
  const replies = ids.length
    ? await db.select().from(rectificationReplies).where(inArray(rectificationReplies.rectificationId, ids)).orderBy(asc(rectificationReplies.createdAt))
    : [];
  const replyIds = replies.map((r) => r.id);
  const photos = replyIds.length
    ? await db
        .select({ subjectId: projectPhotos.subjectId, fileId: projectPhotos.fileId })
        .from(projectPhotos)
        .where(and(eq(projectPhotos.projectId, projectId), eq(projectPhotos.subject, "rectification"), inArray(projectPhotos.subjectId, replyIds)))
        .orderBy(asc(projectPhotos.createdAt))
    : [];
  const tasks = await db
    .select()
    .from(reviewTasks)
    .where(and(eq(reviewTasks.projectId, projectId), inArray(reviewTasks.kind, ["rectificationVerification", "rectificationIssue"])))
    .orderBy(desc(reviewTasks.createdAt));
  const issueTask = tasks.find((t) => t.kind === "rectificationIssue");
  const notices = rows.map((r) => ({
    id: r.id,
    number: r.number,
    subject: r.subject,
    content: r.content,
    deadlineOn: r.deadlineOn,
    status: r.status,
    issuedVia: r.issuedVia,
    issuedBy: r.issuedBy,
    createdAt: r.createdAt.toISOString(),
    closedAt: r.closedAt?.toISOString() ?? null,
    overdue: r.status !== "closed" && r.deadlineOn !== null && r.deadlineOn < today,
    replies: replies
      .filter((p) => p.rectificationId === r.id)
      .map((p) => {
        const task = tasks.find((t) => t.kind === "rectificationVerification" && t.subjectId === p.id);
        return {
          id: p.id,
          content: p.content,
          createdAt: p.createdAt.toISOString(),
          verdict: p.verdict ?? null,
          verifierComment: p.verifierComment,
          verifiedAt: p.verifiedAt?.toISOString() ?? null,
          photoFileIds: photos.filter((ph) => ph.subjectId === p.id).map((ph) => ph.fileId),
          task: task ? view(task, now) : null,
        };
      }),
  }));
  return { notices, issueLink: issueTask ? view(issueTask, now) : null };
}
