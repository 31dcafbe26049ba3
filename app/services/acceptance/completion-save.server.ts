// 完工确认: the pm confirms that everything in the design and the contract is done and records the
// completion date (printed on the certificate). One row per project, replaced on each save.
import { compareDates, isValidDate, shanghaiDate } from "~/lib/calendar";
import { completionChecks } from "#db/schema";
import type { ProjectContext } from "#machines/types";
import { encodeMessage, LIMITS, yesNo } from "./records-shared";
import { editRefusal, failure, writeRecords, type RecordsResult, type RecordsWriteInput } from "./records-write.server";

export interface CompletionData { completedOn: string; note: string }

const text = (v: unknown) => (typeof v === "string" ? v.replace(/\r\n/g, "\n").trim() : "");

/** Validates a form's object or an API body; `startedOn` is the construction start (context.startedOn). */
export function parseCompletion(object: Record<string, unknown>, today: string, startedOn: string | null) {
  const values = { completedOn: text(object.completedOn), note: text(object.note), confirm: yesNo(object.confirm) === "yes" };
  const errors: Record<string, string> = {};
  if (!values.completedOn) errors.completedOn = "form.required";
  else if (!isValidDate(values.completedOn)) errors.completedOn = "form.invalidDate";
  else if (compareDates(values.completedOn, today) > 0) errors.completedOn = encodeMessage("acceptanceRecords.date.future", { today });
  else if (startedOn && isValidDate(startedOn) && compareDates(values.completedOn, startedOn) < 0) {
    errors.completedOn = encodeMessage("acceptanceRecords.completion.beforeStart", { startedOn });
  }
  if (values.note.length > LIMITS.note) errors.note = "form.tooLong";
  if (!values.confirm) errors.confirm = "acceptanceRecords.completion.confirmRequired";
  if (Object.keys(errors).length) return { ok: false as const, errors, values };
  return { ok: true as const, data: { completedOn: values.completedOn, note: values.note } satisfies CompletionData, values };
}

export async function saveCompletion(input: RecordsWriteInput & { object: Record<string, unknown> }): Promise<RecordsResult> {
  const now = input.now ?? new Date();
  const context = (input.access.project.snapshot as { context?: ProjectContext } | null)?.context;
  const parsed = parseCompletion(input.object, shanghaiDate(now.toISOString()), context?.startedOn ?? null);
  // Access first: a user who may not change the record learns nothing from field messages.
  const refused = editRefusal(input.access, parsed.values);
  if (refused) return refused;
  if (!parsed.ok) return failure(400, "form.fixErrors", { errors: parsed.errors, values: parsed.values });
  return writeRecords({ ...input, values: parsed.values, reason: "修改了完工确认" }, async (tx, project) => {
    const row = { confirmedBy: input.user.id, confirmedAt: now, completedOn: parsed.data.completedOn, note: parsed.data.note };
    await tx.insert(completionChecks).values({ projectId: project.id, ...row }).onConflictDoUpdate({ target: completionChecks.projectId, set: row });
    return {};
  });
}
