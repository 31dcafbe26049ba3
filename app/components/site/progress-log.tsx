// 进度日志: the pm's entry form (works without JavaScript, photos from the phone camera) and the
// entries newest first with their photo thumbnails.
import { Form, useNavigation } from "@remix-run/react";
import { PhotoGrid } from "~/components/site/photo-grid";
import { PhotoUpload } from "~/components/site/photo-upload";
import { TextAreaField, TextField } from "~/components/ui/field";
import { EmptyState } from "~/components/ui/layout";
import { useT } from "~/i18n/use-t";
import type { ProgressEntryView } from "~/services/site/progress-list.server";

export interface ProgressFailure {
  intent: "addProgress";
  message?: string;
  errors: Record<string, string>;
  values: Record<string, string>;
}

/** `resetKey` changes after a save (the newest entry id), so the form comes back empty. */
export function ProgressForm({ failure, today, startOn, resetKey }: { failure: ProgressFailure | null; today: string; startOn: string | null; resetKey: string }) {
  const t = useT();
  const busy = useNavigation().formData?.get("intent") === "addProgress";
  const v = failure?.values ?? {};
  const e = failure?.errors ?? {};
  return (
    <Form method="post" encType="multipart/form-data" className="grid gap-4 sm:grid-cols-2" key={failure ? "refused" : resetKey}>
      <input type="hidden" name="intent" value="addProgress" />
      <TextField
        name="entryDate"
        type="date"
        label={t("construction.progress.entryDate")}
        required
        defaultValue={v.entryDate ?? today}
        max={today}
        min={startOn ?? undefined}
        error={e.entryDate}
      />
      <TextField
        name="percentComplete"
        type="number"
        inputMode="numeric"
        min={0}
        max={100}
        step={1}
        label={t("construction.progress.percent")}
        hint={t("construction.progress.percentHint")}
        required
        defaultValue={v.percentComplete ?? ""}
        error={e.percentComplete}
      />
      <TextAreaField
        name="notes"
        label={t("construction.progress.notes")}
        hint={t("construction.progress.notesHint")}
        maxLength={2000}
        defaultValue={v.notes ?? ""}
        error={e.notes}
        className="sm:col-span-2"
      />
      <div className="sm:col-span-2">
        <PhotoUpload name="photos" label={t("construction.progress.photos")} error={e.photos} captionValue={v.photosCaption} />
      </div>
      <div className="sm:col-span-2">
        <button type="submit" className="btn-primary" disabled={busy}>
          {t("construction.progress.submit")}
        </button>
      </div>
    </Form>
  );
}

export function ProgressList({ entries }: { entries: ProgressEntryView[] }) {
  const t = useT();
  if (!entries.length) return <EmptyState>{t("construction.progress.none")}</EmptyState>;
  return (
    <ol className="divide-y divide-slate-200" data-testid="progress-entries">
      {entries.map((entry) => (
        <li key={entry.id} className="space-y-2 py-3">
          <div className="flex flex-wrap items-baseline gap-x-4 gap-y-1">
            <span className="font-mono text-sm text-slate-600">{entry.entryDate}</span>
            <span className="text-lg font-semibold text-slate-900">{entry.percentComplete}%</span>
            <span className="h-2 w-32 overflow-hidden rounded bg-slate-200" aria-hidden>
              <span className="block h-2 bg-blue-600" style={{ width: `${entry.percentComplete}%` }} />
            </span>
            {entry.createdBy ? <span className="text-xs text-slate-500">{`${t("construction.progress.by")}：${entry.createdBy}`}</span> : null}
          </div>
          {entry.notes ? <p className="whitespace-pre-wrap break-words text-sm text-slate-800">{entry.notes}</p> : null}
          {entry.photos.length ? <PhotoGrid photos={entry.photos} /> : null}
        </li>
      ))}
    </ol>
  );
}
