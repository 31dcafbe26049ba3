// Shared pieces of the entry-documents page: the failure an action returns, scan links, datalists.
import { Form } from "@remix-run/react";
import type { ReactNode } from "react";
import { useT } from "~/i18n/use-t";

export interface EntryFailure {
  intent: string;
  errors: Record<string, string>;
  values: Record<string, string>;
  message: string;
  refusals?: string[];
}

/** The failure's values and errors when it belongs to this form (matched by intent). */
export function failureFor(failure: EntryFailure | null, intent: string) {
  return failure && failure.intent === intent ? failure : null;
}

export const POSITIONS = ["施工队长", "项目负责人", "电工", "焊工", "安全员", "普工"];
export const CREDENTIAL_TYPES = ["建造师证", "特种作业操作证（电工）", "特种作业操作证（焊工）", "特种作业操作证（高处作业）", "安全员证", "安全生产考核合格证"];

export function EntryDatalists() {
  return (
    <>
      <datalist id="positions">{POSITIONS.map((p) => <option key={p} value={p} />)}</datalist>
      <datalist id="credential-types">{CREDENTIAL_TYPES.map((p) => <option key={p} value={p} />)}</datalist>
    </>
  );
}

export function ScanLink({ scan }: { scan: { fileId: string; fileName: string } | null }) {
  const t = useT();
  if (!scan) return <span className="text-xs text-amber-700">{t("site.entry.noScan")}</span>;
  return (
    <a href={`/files/${scan.fileId}`} target="_blank" rel="noreferrer" className="btn-link text-xs">
      {scan.fileName || t("site.entry.scan")}
    </a>
  );
}

export function ExpiryText({ expiresOn, expired }: { expiresOn: string | null; expired: boolean }) {
  const t = useT();
  if (!expiresOn) return <span className="text-slate-500">{t("site.entry.noExpiry")}</span>;
  return <span className={expired ? "font-semibold text-red-700" : ""}>{expiresOn}{expired ? ` · ${t("site.entry.expiredBadge")}` : ""}</span>;
}

/** A one-button form (remove …) with a confirmation prompt when JavaScript runs. */
export function ActionButton({ intent, label, confirm, children }: { intent: string; label: string; confirm?: string; children?: ReactNode }) {
  return (
    <Form method="post" encType="multipart/form-data" className="inline" onSubmit={(e) => { if (confirm && !window.confirm(confirm)) e.preventDefault(); }}>
      {children}
      <button type="submit" name="intent" value={intent} className="btn-link min-h-10 text-sm text-red-700">
        {label}
      </button>
    </Form>
  );
}

export function FileInput({ name, label, error, id = `f-${name}` }: { name: string; label: string; error?: string; id?: string }) {
  const t = useT();
  return (
    <div>
      <label htmlFor={id} className="mb-1 block text-sm font-medium text-slate-700">{label}</label>
      <input id={id} name={name} type="file" accept="application/pdf,image/*" className="block w-full text-sm" aria-invalid={error ? true : undefined} />
      {error ? <p className="mt-1 text-sm text-red-600" role="alert">{t(error)}</p> : <p className="mt-1 text-xs text-slate-500">{t("site.entry.scanHint")}</p>}
    </div>
  );
}
