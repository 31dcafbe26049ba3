// The pm records a coordination note (date not in the future, a party, the content), or removes
// one of the project's notes; both go to the audit log.
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "#db/client";
import { auditEvents, coordinationNotes } from "#db/schema";
import { compareDates, isValidDate } from "~/lib/calendar";
import { parseForm, zDate, zText, type FieldErrors } from "~/lib/forms";
import type { RequestInfo } from "~/lib/request-info.server";
import type { SessionUser } from "~/lib/session.server";
import type { ConstructionAccess } from "./progress-access.server";

// The same four parties as the schema column (coordination_notes.party) and the page's choices.
const NOTE_PARTIES = ["client", "supervisor", "vendor", "internal"] as const;

const schema = z.object({
  noteDate: zDate(),
  party: z.enum(NOTE_PARTIES, { errorMap: () => ({ message: "form.invalidChoice" }) }),
  content: zText(4000),
});

export type NoteResult =
  | { ok: true; id: string }
  | { ok: false; status: number; message?: string; errors: FieldErrors; values: Record<string, string> };

function audit(access: ConstructionAccess, user: SessionUser, info: RequestInfo, event: string, payload: Record<string, unknown>) {
  return {
    projectId: access.project.id,
    actorUserId: user.id,
    actorLabel: user.name,
    role: "pm",
    ip: info.ip,
    userAgent: info.userAgent,
    event,
    fromStage: access.project.stage,
    toStage: access.project.stage,
    projectVersion: access.project.version,
    payload,
  };
}

export async function addCoordinationNote(
  db: Db,
  input: { access: ConstructionAccess; user: SessionUser; form: FormData; today: string; info: RequestInfo },
): Promise<NoteResult> {
  const { access, user } = input;
  const parsed = parseForm(schema, input.form);
  const values = Object.fromEntries(["noteDate", "party", "content"].map((k) => [k, String(input.form.get(k) ?? "")]));
  if (access.writeRefusal) return { ok: false, status: access.writeRefusal === "error.forbidden" ? 403 : 409, message: access.writeRefusal, errors: {}, values };
  const errors: FieldErrors = parsed.ok ? {} : { ...parsed.errors };
  const date = String(input.form.get("noteDate") ?? "").trim();
  if (!errors.noteDate && isValidDate(date) && compareDates(date, input.today) > 0) errors.noteDate = "construction.notes.dateFuture";
  if (!parsed.ok || Object.keys(errors).length) return { ok: false, status: 400, errors, values };
  const { noteDate, party, content } = parsed.data;
  return db.transaction(async (tx) => {
    const [note] = await tx.insert(coordinationNotes).values({ projectId: access.project.id, noteDate, party, content, createdBy: user.id }).returning({ id: coordinationNotes.id });
    await tx.insert(auditEvents).values(audit(access, user, input.info, "NOTE_ADDED", { noteId: note.id, noteDate, party }));
    return { ok: true as const, id: note.id };
  });
}

/** Removes a note of this project (another project's note id is "not found", as on every route). */
export async function deleteCoordinationNote(
  db: Db,
  input: { access: ConstructionAccess; user: SessionUser; noteId: string; info: RequestInfo },
): Promise<{ ok: true } | { ok: false; status: number; message: string }> {
  const { access, user } = input;
  if (access.writeRefusal) return { ok: false, status: access.writeRefusal === "error.forbidden" ? 403 : 409, message: access.writeRefusal };
  if (!/^[0-9a-f-]{36}$/i.test(input.noteId)) return { ok: false, status: 404, message: "error.notFound" };
  return db.transaction(async (tx) => {
    const [gone] = await tx
      .delete(coordinationNotes)
      .where(and(eq(coordinationNotes.id, input.noteId), eq(coordinationNotes.projectId, access.project.id)))
      .returning({ id: coordinationNotes.id, noteDate: coordinationNotes.noteDate, party: coordinationNotes.party, content: coordinationNotes.content });
    if (!gone) return { ok: false as const, status: 404, message: "error.notFound" };
    await tx.insert(auditEvents).values(audit(access, user, input.info, "NOTE_DELETED", { noteId: gone.id, noteDate: gone.noteDate, party: gone.party, content: gone.content }));
    return { ok: true as const };
  });
}
