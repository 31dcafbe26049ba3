// 技术档案和施工管理资料: one row per checklist item with ✓/✗, the file that counts, earlier
// uploads, and (for the pm, before acceptance) an upload form sized for a phone.
import { Form, useNavigation } from "@remix-run/react";
import { useState } from "react";
import { formatInstant } from "~/components/project/labels";
import { Alert, Badge, Card } from "~/components/ui/layout";
import { useLocale, useT } from "~/i18n/use-t";
import type { ArchiveChecklistFile, ArchiveChecklistItem } from "~/services/acceptance/archive-checklist-load.server";
import type { IntentResult } from "~/services/acceptance/intent-result";

const MAX_BYTES = 20 * 1024 * 1024;
/** What the server accepts (judged again by content there): PDF, photos/scans, Excel. */
const ACCEPT = ".pdf,.jpg,.jpeg,.png,.webp,.xlsx,application/pdf,image/jpeg,image/png,image/webp,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

type Failure = Extract<IntentResult, { ok: false }>;

export interface ArchiveChecklistCardProps {
  items: ArchiveChecklistItem[];
  editable: boolean;
  /** Catalogue key saying why the checklist cannot be changed now. */
  readOnlyReason?: string | null;
  result?: IntentResult;
  underReview: boolean;
}

function size(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

function FileLine({ file }: { file: ArchiveChecklistFile }) {
  const t = useT();
  const locale = useLocale();
  return (
    <span className="flex min-w-0 flex-wrap items-baseline gap-x-2">
      <a href={`/files/${file.fileId}`} target="_blank" rel="noreferrer" className="btn-link break-all">
        {file.name}
      </a>
      <span className="text-xs text-slate-500">
        {size(file.size)} · {t("acceptanceArchive.checklist.uploadedAt", { at: formatInstant(file.uploadedAt, locale) })}
      </span>
    </span>
  );
}

function UploadForm({ item, failure }: { item: ArchiveChecklistItem; failure: Failure | null }) {
  const t = useT();
  const locale = useLocale();
  const navigation = useNavigation();
  const [tooLarge, setTooLarge] = useState(false);
  const busy = navigation.state === "submitting" && !!navigation.formAction?.includes("intent=archiveUpload") && navigation.formData?.get("kind") === item.kind;
  const error = tooLarge ? "acceptanceArchive.upload.tooLarge" : failure?.values.kind === item.kind ? failure.errors.file : undefined;
  const id = `archive-file-${item.kind}`;
  return (
    // Keyed by the file that counts: after a successful upload the form comes back empty.
    <Form key={item.files[0]?.fileId ?? "none"} method="post" action="?intent=archiveUpload" encType="multipart/form-data" preventScrollReset className="mt-2 flex flex-col gap-2 sm:flex-row sm:items-start">
      <input type="hidden" name="kind" value={item.kind} />
      <div className="min-w-0 flex-1">
        <label htmlFor={id} className="sr-only">
          {t("acceptanceArchive.checklist.file")}：{item.label[locale]}
        </label>
        <input
          id={id}
          name="file"
          type="file"
          accept={ACCEPT}
          required
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : `${id}-hint`}
          onChange={(e) => setTooLarge((e.currentTarget.files?.[0]?.size ?? 0) > MAX_BYTES)}
          className="block w-full min-h-11 text-sm file:mr-3 file:min-h-11 file:rounded-md file:border file:border-slate-300 file:bg-white file:px-3 file:text-sm file:font-medium file:text-slate-700"
        />
        {error ? (
          <p id={`${id}-error`} className="mt-1 text-sm text-red-600" role="alert">
            {t(error)}
          </p>
        ) : (
          <p id={`${id}-hint`} className="mt-1 text-xs text-slate-500">
            {t("acceptanceArchive.checklist.hint")}
          </p>
        )}
      </div>
      <button type="submit" className="btn-secondary min-h-11 shrink-0" disabled={busy || tooLarge}>
        {item.present ? t("acceptanceArchive.checklist.replace") : t("acceptanceArchive.checklist.upload")}
      </button>
    </Form>
  );
}

export function ArchiveChecklistCard({ items, editable, readOnlyReason, result, underReview }: ArchiveChecklistCardProps) {
  const t = useT();
  const locale = useLocale();
  const failure = result && !result.ok && result.intent === "archiveUpload" ? result : null;
  const supplied = items.filter((i) => i.present).length;
  const kindError = failure?.errors.kind;
  const formMessages = failure?.formErrorText?.length ? failure.formErrorText : failure?.formError ? [t(failure.formError)] : [];
  return (
    <Card title={t("acceptanceArchive.checklist.title")} actions={<Badge tone={supplied === items.length ? "green" : "amber"}>{supplied}/{items.length}</Badge>}>
      <p className="mb-3 text-sm text-slate-600">{t("acceptanceArchive.checklist.intro")}</p>
      {editable && underReview ? (
        <div className="mb-3">
          <Alert tone="amber">{t("acceptanceArchive.checklist.underReview")}</Alert>
        </div>
      ) : null}
      {!editable && readOnlyReason ? <p className="mb-3 rounded-md bg-slate-50 px-3 py-2 text-sm text-slate-600">{t(readOnlyReason)}</p> : null}
      {formMessages.length || kindError ? (
        <div className="mb-3">
          <Alert tone="red">
            <ul className="list-inside list-disc">
              {kindError ? <li>{t(kindError)}</li> : null}
              {formMessages.map((m, i) => (
                <li key={i}>{m}</li>
              ))}
            </ul>
          </Alert>
        </div>
      ) : null}
      <ul className="divide-y divide-slate-100">
        {items.map((item) => {
          const [latest, ...earlier] = item.files;
          return (
            <li key={item.kind} className="py-3">
              <div className="flex items-start gap-2">
                <span
                  aria-label={item.present ? t("acceptanceArchive.checklist.present") : t("acceptanceArchive.checklist.missing")}
                  className={`mt-0.5 inline-flex h-5 w-5 shrink-0 items-center justify-center rounded-full text-xs font-bold ${item.present ? "bg-emerald-100 text-emerald-700" : "bg-red-100 text-red-700"}`}
                >
                  {item.present ? "✓" : "✗"}
                </span>
                <div className="min-w-0 flex-1">
                  <p className="font-medium text-slate-800">{item.label[locale]}</p>
                  {latest ? <FileLine file={latest} /> : <p className="text-sm text-slate-500">{t("acceptanceArchive.checklist.missing")}</p>}
                  {earlier.length ? (
                    <details className="mt-1 text-sm">
                      <summary className="cursor-pointer text-slate-500">{t("acceptanceArchive.checklist.earlier", { count: earlier.length })}</summary>
                      <ul className="mt-1 space-y-1 pl-4">
                        {earlier.map((f) => (
                          <li key={f.archiveDocumentId}>
                            <FileLine file={f} />
                          </li>
                        ))}
                      </ul>
                    </details>
                  ) : null}
                  {editable ? <UploadForm item={item} failure={failure} /> : null}
                </div>
              </div>
            </li>
          );
        })}
      </ul>
    </Card>
  );
}
