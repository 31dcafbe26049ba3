// The list of B.0.6 requests: status badges, items with certificates, the supervisor's decision
// (rejected items marked 不得使用 in red), the pm's resolution, and the review link controls.
import { Form } from "@remix-run/react";
import { Badge } from "~/components/ui/layout";
import { useT } from "~/i18n/use-t";
import type { MaterialListRow } from "~/services/site/material-list.server";

const TONE = { pending: "amber", approved: "green", rejected: "red" } as const;

export function MaterialList({ rows, canWrite }: { rows: MaterialListRow[]; canWrite: boolean }) {
  const t = useT();
  if (rows.length === 0) return <p className="text-sm text-slate-500">{t("materials.none")}</p>;
  return (
    <ul className="space-y-4">
      {rows.map((r) => {
        const notForUse = r.status === "rejected";
        return (
          <li key={r.id} className={`card space-y-2 p-4 ${notForUse && !r.rejectionResolvedAt ? "border-red-300" : ""}`} data-testid="material-request">
            <div className="flex flex-wrap items-center gap-2">
              <h3 className="font-semibold">{r.title}</h3>
              <Badge tone={TONE[r.status]}>{t(`materials.status.${r.status}`)}</Badge>
              {notForUse ? <span className="font-bold text-red-700">{t("materials.notForUse")}</span> : null}
            </div>
            <p className="text-sm text-slate-600">{t("materials.enteredOnText", { date: r.enteredOn ?? "", place: r.placeOfUse })}</p>
            <table className="table-dense w-full text-sm">
              <thead>
                <tr>
                  <th>{t("materials.item.name")}</th>
                  <th>{t("materials.item.spec")}</th>
                  <th>{t("materials.item.quantity")}</th>
                  <th>{t("materials.item.placeOfUse")}</th>
                  <th>{t("materials.certificate")}</th>
                </tr>
              </thead>
              <tbody>
                {r.items.map((i, n) => (
                  <tr key={n} className={notForUse ? "text-red-700" : ""}>
                    <td>
                      {i.name}
                      {notForUse ? <span className="ml-1 text-xs font-bold">（{t("materials.notForUse")}）</span> : null}
                    </td>
                    <td>{i.spec}</td>
                    <td>{i.quantity}</td>
                    <td>{i.placeOfUse}</td>
                    <td>{i.certificateFileId ? <a className="btn-link" href={`/files/${i.certificateFileId}`}>{i.certificateName || t("materials.certificate")}</a> : null}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            {r.decidedAt ? (
              <p className={`text-sm ${notForUse ? "text-red-700" : ""}`}>
                <span className="font-medium">{t("materials.supervisorComment")}：</span>
                <span className="whitespace-pre-wrap">{r.decisionComment}</span>
              </p>
            ) : null}
            {r.rejectionResolvedAt ? <p className="text-sm text-slate-700">{t("materials.resolved", { date: r.rejectionResolvedAt.slice(0, 10), note: r.resolutionNote })}</p> : null}
            <LinkState row={r} canWrite={canWrite} />
            {canWrite && notForUse && !r.rejectionResolvedAt ? (
              <Form method="post" className="flex flex-wrap items-end gap-2">
                <input type="hidden" name="inspectionId" value={r.id} />
                <label className="text-sm">
                  {t("materials.resolveNote")}
                  <input name="note" className="input" required maxLength={1000} />
                </label>
                <button type="submit" name="intent" value="resolve" className="btn-secondary">{t("materials.resolve")}</button>
              </Form>
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}

function LinkState({ row, canWrite }: { row: MaterialListRow; canWrite: boolean }) {
  const t = useT();
  const task = row.task;
  return (
    <div className="flex flex-wrap items-center gap-2 text-sm text-slate-600">
      <span>{t("materials.link")}：</span>
      {task ? (
        <span>
          {t(`materials.link.status.${task.status}`)} · {t("materials.link.to", { name: task.recipientName || task.recipientEmail, date: task.expiresAt.slice(0, 10) })}
        </span>
      ) : (
        <span>{t("materials.link.none")}</span>
      )}
      {canWrite && row.status === "pending" ? (
        <Form method="post" className="flex gap-2">
          <input type="hidden" name="inspectionId" value={row.id} />
          <button type="submit" name="intent" value="resend" className="btn-link">{t("materials.resend")}</button>
          {task && (task.status === "pending" || task.status === "opened") ? (
            <button type="submit" name="intent" value="revoke" className="btn-link">{t("materials.revoke")}</button>
          ) : null}
        </Form>
      ) : null}
    </div>
  );
}
