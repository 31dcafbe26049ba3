// How every change to an acceptance record is written: refused unless this user may change the
// records now (checked again on the locked project row, so a stage change meanwhile wins), one
// transaction for the change and — while the acceptance is in review — the revision it causes.
import { eq } from "drizzle-orm";
import type { Db } from "#db/client";
import { projects } from "#db/schema";
import type { Locale } from "~/i18n";
import { kickOutbox } from "~/lib/mail/kick.server";
import type { RequestInfo } from "~/lib/request-info.server";
import type { SessionUser } from "~/lib/session.server";
import { acceptanceAccessFor, type AcceptanceAccess, type AcceptanceProject } from "./acceptance-access.server";
import { reviseIfUnderReview, RevisionRefused } from "./revise-under-review.server";

export interface RecordsFailure {
  ok: false;
  /** 400 field errors, 403 not the pm, 404 no such record here, 409 not editable in this stage, 422 the revision was refused. */
  status: 400 | 403 | 404 | 409 | 422;
  errors: Record<string, string>;
  values: Record<string, unknown>;
  formError: string | null;
  /** Already-translated messages (the statechart's refusals of the revision). */
  formErrorText?: string[];
}

export type RecordsResult<T extends object = object> = ({ ok: true; revised: boolean } & T) | RecordsFailure;

export interface RecordsWriteInput {
  db: Db;
  access: AcceptanceAccess;
  user: SessionUser;
  info: RequestInfo;
  locale: Locale;
  /** The server's clock (tests pin it). */
  now?: Date;
}

export function failure(status: RecordsFailure["status"], formError: string | null, extra: Partial<Pick<RecordsFailure, "errors" | "values" | "formErrorText">> = {}): RecordsFailure {
  return { ok: false, status, errors: extra.errors ?? {}, values: extra.values ?? {}, formError, ...(extra.formErrorText ? { formErrorText: extra.formErrorText } : {}) };
}

/** The refusal when this user may not change the records now, else null. */
export function editRefusal(access: Pick<AcceptanceAccess, "editRefusal">, values: Record<string, unknown> = {}): RecordsFailure | null {
  const key = access.editRefusal;
  if (key === null) return null;
  return failure(key === "error.forbidden" ? 403 : 409, key, { values });
}

class Rollback extends Error {
  constructor(readonly result: RecordsFailure) {
    super(result.formError ?? "rollback");
  }
}

/**
 * Runs `write` in one transaction with the project row locked. `write` returns its value, or a
 * failure (the transaction is then rolled back, so a check made after a first write is safe).
 * After the write, a project in acceptance review gets REVISE_ACCEPTANCE with `reason`; if the
 * statechart refuses it, nothing of the change stays and its messages are the form error.
 */
export async function writeRecords<T extends object>(
  input: RecordsWriteInput & { values: Record<string, unknown>; reason: string | ((value: T) => string) },
  write: (tx: Db, project: AcceptanceProject) => Promise<T | RecordsFailure>,
): Promise<RecordsResult<T>> {
  const refused = editRefusal(input.access, input.values);
  if (refused) return refused;
  try {
    const result = await input.db.transaction(async (tx) => {
      const [locked] = await tx.select().from(projects).where(eq(projects.id, input.access.project.id)).for("update");
      if (!locked) throw new Rollback(failure(404, "error.notFound", { values: input.values }));
      const lockedRefusal = editRefusal(acceptanceAccessFor(input.user, locked), input.values);
      if (lockedRefusal) throw new Rollback(lockedRefusal);
      const value = await write(tx, locked);
      if ("ok" in value && value.ok === false) throw new Rollback(value as RecordsFailure);
      const reason = typeof input.reason === "function" ? input.reason(value as T) : input.reason;
      const revised = await reviseIfUnderReview(tx, { projectId: locked.id, user: input.user, info: input.info, reason, locale: input.locale, at: input.now });
      return { ok: true as const, revised, ...(value as T) };
    });
    // The revision queued mails (links sent again): deliver them now rather than at the next poll.
    if (result.revised) kickOutbox();
    return result;
  } catch (error) {
    if (error instanceof Rollback) return error.result;
    if (error instanceof RevisionRefused) return failure(422, null, { values: input.values, formErrorText: error.messages });
    throw error;
  }
}
