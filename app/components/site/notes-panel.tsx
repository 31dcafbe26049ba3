// 协调记录 with the client, the supervisor, the installer or internal: newest first; the pm adds
// (and may delete) notes while the project is in construction.
import { Form } from "@remix-run/react";
import { SelectField, TextAreaField, TextField } from "~/components/ui/field";
import { EmptyState } from "~/components/ui/layout";
import { useT } from "~/i18n/use-t";
import type { CoordinationNoteView } from "~/services/site/notes-list.server";

/** The four parties of coordination_notes.party, in the order the form offers them. */
const PARTIES: CoordinationNoteView["party"][] = ["client", "supervisor", "vendor", "internal"];

export interface NoteFailure {
  intent: "addNote" | "deleteNote";
  message?: string;
  errors: Record<string, string>;
  values: Record<string, string>;
}

/** `resetKey` changes after a save (the newest note id), so the form comes back empty. */
export function NoteForm({ failure, today, resetKey }: { failure: NoteFailure | null; today: string; resetKey: string }) {
  const t = useT();
  const v = failure?.intent === "addNote" ? failure.values : {};
  const e = failure?.intent === "addNote" ? failure.errors : {};
  return (
    <Form method="post" className="grid gap-4 sm:grid-cols-2" key={failure ? "refused" : resetKey}>
      <input type="hidden" name="intent" value="addNote" />
      <TextField name="noteDate" type="date" label={t("construction.notes.noteDate")} required defaultValue={v.noteDate ?? today} max={today} error={e.noteDate} />
      <SelectField
        name="party"
        label={t("construction.notes.party")}
        required
        defaultValue={v.party ?? "client"}
        options={PARTIES.map((p) => ({ value: p, label: t(`construction.party.${p}`) }))}
        error={e.party}
      />
      <TextAreaField name="content" label={t("construction.notes.content")} required maxLength={4000} defaultValue={v.content ?? ""} error={e.content} className="sm:col-span-2" />
      <div className="sm:col-span-2">
        <button type="submit" className="btn-primary">
          {t("construction.notes.submit")}
        </button>
      </div>
    </Form>
  );
}

export function NotesList({ notes, canDelete }: { notes: CoordinationNoteView[]; canDelete: boolean }) {
  const t = useT();
  if (!notes.length) return <EmptyState>{t("construction.notes.none")}</EmptyState>;
  return (
    <ul className="divide-y divide-slate-200" data-testid="coordination-notes">
      {notes.map((note) => (
        <li key={note.id} className="space-y-1 py-3">
          <div className="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm">
            <span className="font-mono text-slate-600">{note.noteDate}</span>
            <span className="rounded bg-slate-100 px-2 py-0.5 text-xs font-medium text-slate-700">{t(`construction.party.${note.party}`)}</span>
            {note.createdBy ? <span className="text-xs text-slate-500">{note.createdBy}</span> : null}
            {canDelete ? (
              <Form
                method="post"
                className="ml-auto"
                onSubmit={(event) => {
                  if (!window.confirm(t("construction.notes.confirmDelete"))) event.preventDefault();
                }}
              >
                <input type="hidden" name="intent" value="deleteNote" />
                <input type="hidden" name="noteId" value={note.id} />
                <button type="submit" className="btn-link text-xs text-red-700">
                  {t("construction.notes.delete")}
                </button>
              </Form>
            ) : null}
          </div>
          <p className="whitespace-pre-wrap break-words text-sm text-slate-800">{note.content}</p>
        </li>
      ))}
    </ul>
  );
}
