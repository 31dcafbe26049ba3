// The supervisor's side of A.0.3 notices and B.0.9 replies, called by the review link flow
// (app/services/review) inside its own transaction: issue a notice, read one, verify a reply.
import { and, asc, eq, isNull, sql } from "drizzle-orm";
import type { Db } from "#db/client";
import { rectificationReplies, rectifications } from "#db/schema";
import { AlreadyDecidedError } from "./material-decision.server";

export { AlreadyDecidedError };

/**
 * The next JL-TZ-<nnn> number of a project. Called after the project row is locked (every writer of
 * notices locks it first), so two notices issued at once cannot take the same number.
 */
export async function nextRectificationNumber(tx: Db, projectId: string): Promise<string> {
  const [row] = await tx
    .select({ n: sql<number>`coalesce(max(substring(${rectifications.number} from '^JL-TZ-(\\d+)$')::int), 0)` })
    .from(rectifications)
    .where(eq(rectifications.projectId, projectId));
  return `JL-TZ-${String(Number(row?.n ?? 0) + 1).padStart(3, "0")}`;
}

/** A notice issued by the supervisor through the standing issue link. Returns the notice id. */
export async function issueRectificationByLink(
  tx: Db,
  input: { projectId: string; number?: string; subject: string; content: string; deadlineOn: string; issuedBy: string },
): Promise<string> {
  await lockProjectRow(tx, input.projectId);
  const number = input.number?.trim() || (await nextRectificationNumber(tx, input.projectId));
  const [row] = await tx
    .insert(rectifications)
    .values({
      projectId: input.projectId,
      number: number.slice(0, 60),
      subject: input.subject.trim().slice(0, 200),
      content: input.content.trim().slice(0, 5000),
      deadlineOn: input.deadlineOn,
      issuedVia: "link",
      issuedBy: input.issuedBy.trim().slice(0, 200),
      status: "open",
    })
    .returning({ id: rectifications.id });
  return row!.id;
}

async function lockProjectRow(tx: Db, projectId: string) {
  await tx.execute(sql`select id from projects where id = ${projectId} for update`);
}

export interface RectificationView {
  id: string;
  projectId: string;
  number: string;
  subject: string;
  content: string;
  deadlineOn: string | null;
  status: "open" | "replied" | "closed";
  issuedVia: "link" | "paper" | "acceptance";
  issuedBy: string;
  closedAt: Date | null;
  replies: { id: string; content: string; createdAt: Date; verdict: "accepted" | "rejected" | null; verifierComment: string; verifiedAt: Date | null }[];
}

export async function loadRectification(db: Db, id: string): Promise<RectificationView | null> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
  const [row] = await db.select().from(rectifications).where(eq(rectifications.id, id));
  if (!row) return null;
  const replies = await db
    .select({
      id: rectificationReplies.id,
      content: rectificationReplies.content,
      createdAt: rectificationReplies.createdAt,
      verdict: rectificationReplies.verdict,
      verifierComment: rectificationReplies.verifierComment,
      verifiedAt: rectificationReplies.verifiedAt,
    })
    .from(rectificationReplies)
    .where(eq(rectificationReplies.rectificationId, id))
    .orderBy(asc(rectificationReplies.createdAt));
  return {
    id: row.id,
    projectId: row.projectId,
    number: row.number,
    subject: row.subject,
    content: row.content,
    deadlineOn: row.deadlineOn,
    status: row.status,
    issuedVia: row.issuedVia,
    issuedBy: row.issuedBy,
    closedAt: row.closedAt,
    replies: replies.map((r) => ({ ...r, verdict: r.verdict ?? null })),
  };
}

/**
 * 复查意见 on a B.0.9 reply. Compare-and-set on the reply (unverified only) and on the notice
 * (must be 'replied'): accepted closes the notice — the only way a notice is ever closed; rejected
 * sends it back to 'open' so the pm must reply again. A second verdict throws AlreadyDecidedError.
 */
export async function verifyRectificationReply(
  tx: Db,
  input: { replyId: string; verdict: "accepted" | "rejected"; comment: string; verifierName: string; now?: Date },
): Promise<{ rectificationId: string }> {
  const now = input.now ?? new Date();
  // The verifier's name and organisation are on the signature row the link flow writes.
  const verifierComment = input.comment.trim().slice(0, 2000);
  const [reply] = await tx
    .update(rectificationReplies)
    .set({ verdict: input.verdict, verifierComment, verifiedAt: now })
    .where(and(eq(rectificationReplies.id, input.replyId), isNull(rectificationReplies.verdict)))
    .returning({ rectificationId: rectificationReplies.rectificationId });
  if (!reply) throw new AlreadyDecidedError("rectificationReply");
  const updated = await tx
    .update(rectifications)
    .set(input.verdict === "accepted" ? { status: "closed", closedAt: now } : { status: "open", closedAt: null })
    .where(and(eq(rectifications.id, reply.rectificationId), eq(rectifications.status, "replied")))
    .returning({ id: rectifications.id });
  if (updated.length === 0) throw new AlreadyDecidedError("rectification");
  return { rectificationId: reply.rectificationId };
}
