// Before "提交开工报审": what has expired by the planned start and what else the machine still
// misses; after submission the review status, the B.0.2 link and — if returned — the rejection.
import { Form } from "@remix-run/react";
import { Instant } from "~/components/project/labels";
import { Alert } from "~/components/ui/layout";
import { useT } from "~/i18n/use-t";
import type { EntryView } from "~/services/site/entry-load.server";

export function EntryChecklist({ entry, missing }: { entry: EntryView; missing: string[] }) {
  const t = useT();
  return (
    <div className="space-y-3 text-sm">
      {!entry.plannedStartOn ? (
        <Alert tone="amber">{t("site.entry.noPlannedStart")}</Alert>
      ) : entry.expired.length > 0 ? (
        <div role="status" className="rounded-md border border-red-200 bg-red-50 p-3 text-red-800">
          <p className="font-medium">{t("site.entry.expiredTitle", { date: entry.plannedStartOn })}</p>
          <ul className="mt-1 list-disc pl-5">
            {entry.expired.map((x) => (
              <li key={`${x.kind}-${x.id}`}>
                {x.label}（{t("site.entry.expiresOn")} {x.expiresOn}）
              </li>
            ))}
          </ul>
        </div>
      ) : entry.crew.length + entry.certificates.length === 0 ? null : (
        <p className="text-emerald-700">{t("site.entry.noneExpired", { date: entry.plannedStartOn })}</p>
      )}
      {missing.length > 0 ? (
        <div className="rounded-md border border-amber-200 bg-amber-50 p-3 text-amber-900">
          <p className="font-medium">{t("site.entry.stillMissing")}</p>
          <ul className="mt-1 list-disc pl-5">{missing.map((m) => <li key={m}>{m}</li>)}</ul>
        </div>
      ) : null}
    </div>
  );
}

export function EntrySubmit({ version, refusals }: { version: number; refusals: string[] | null }) {
  const t = useT();
  return (
    <Form method="post" encType="multipart/form-data" className="space-y-2">
      <input type="hidden" name="version" value={version} />
      {refusals && refusals.length ? (
        <div role="alert" className="rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-800">
          <p className="font-medium">{t("site.entry.refused")}</p>
          <ul className="mt-1 list-disc pl-5">{refusals.map((m) => <li key={m}>{m}</li>)}</ul>
        </div>
      ) : null}
      <button type="submit" name="intent" value="submit" className="btn-primary min-h-12 w-full text-base sm:w-auto">{t("site.entry.submit")}</button>
    </Form>
  );
}

export function RejectionBanner({ rejection }: { rejection: NonNullable<EntryView["lastRejection"]> }) {
  const t = useT();
  return (
    <Alert tone="red" title={t("site.entry.rejectedTitle", { by: t(`site.entry.party.${rejection.by}`) })}>
      <p className="whitespace-pre-wrap text-base">{rejection.comment}</p>
      <p className="mt-1 text-xs"><Instant iso={rejection.at} /></p>
    </Alert>
  );
}

export function ReviewStatus({ projectId, entry, canManage = false }: { projectId: string; entry: EntryView; canManage?: boolean }) {
  const t = useT();
  const step = (party: "supervisor" | "client") => {
    const task = [...entry.reviewTasks].reverse().find((x) => x.party === party);
    const approved = party === "supervisor" ? entry.reviewState === "awaitingClient" || task?.decision === "approved" : task?.decision === "approved";
    const waiting = entry.reviewState === (party === "supervisor" ? "awaitingSupervisor" : "awaitingClient");
    return (
      <li key={party} className="rounded-md border border-slate-200 p-3">
        <p className="font-medium">{t(`site.entry.party.${party}`)}</p>
        <p className={approved ? "text-emerald-700" : waiting ? "text-amber-700" : "text-slate-500"}>
          {approved ? t("site.entry.review.approved") : waiting ? t("site.entry.review.waiting") : t("site.entry.review.notYet")}
        </p>
        {task ? (
          <p className="text-xs text-slate-500">
            {task.recipientName}
            {task.organisation ? `（${task.organisation}）` : ""}
            {task.decidedAt ? <> · <Instant iso={task.decidedAt} /></> : null}
            {task.comment ? ` · ${task.comment}` : ""}
          </p>
        ) : null}
        {canManage && waiting && task && !task.decision ? (
          <Form method="post" className="mt-2 flex flex-wrap gap-2">
            {task.revoked ? <span className="text-xs text-red-700">{t("site.entry.review.linkRevoked")}</span> : null}
            <button type="submit" name="intent" value={`resendTask:${task.id}`} className="btn-secondary">{t("site.entry.review.resend")}</button>
            {!task.revoked ? (
              <button type="submit" name="intent" value={`revokeTask:${task.id}`} className="btn-link text-sm text-red-700">{t("site.entry.review.revoke")}</button>
            ) : null}
          </Form>
        ) : null}
      </li>
    );
  };
  return (
    <div className="space-y-3 text-sm">
      <Alert tone="blue">{t("site.entry.underReview")}</Alert>
      <ol className="grid grid-cols-1 gap-3 sm:grid-cols-2">{[step("supervisor"), step("client")]}</ol>
      <a href={`/projects/${projectId}/commencement.pdf`} className="btn-secondary" target="_blank" rel="noreferrer">{t("site.entry.b02Pdf")}</a>
    </div>
  );
}
