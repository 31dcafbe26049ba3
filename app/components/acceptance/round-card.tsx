// The acceptance round in progress: the agreed meeting, each signer's link (sent, opened, signed),
// revoke/resend, the signatures so far, and the documents as they stand.
import { Form } from "@remix-run/react";
import { Badge, Card } from "~/components/ui/layout";
import { useT } from "~/i18n/use-t";
import type { AcceptanceTaskRow } from "~/services/acceptance/acceptance-page.server";

interface SignerRow { party: string; decision: string; opinion: string; signerName: string; signerRole: string; organisation: string; signedAt: string; voided: boolean }

const time = (iso: string | null) => (iso ? new Date(iso).toLocaleString("zh-CN", { timeZone: "Asia/Shanghai", hour12: false }).slice(0, -3) : "—");
const TONE: Record<string, "green" | "amber" | "gray" | "red" | "blue"> = { decided: "green", opened: "blue", pending: "amber", revoked: "gray", expired: "red" };

export function RoundCard({ round, canManage, projectId }: {
  round: { plan: { date: string; startTime: string; place: string; round: number }; tasks: AcceptanceTaskRow[]; signers: SignerRow[] };
  canManage: boolean;
  projectId: string;
}) {
  const t = useT();
  const { plan } = round;
  return (
    <Card title={t("acceptance.round.title", { round: String(plan.round) })}>
      <p className="text-sm">{t("acceptance.round.meeting", { date: plan.date, time: plan.startTime, place: plan.place || "—" })}</p>
      <div className="mt-3 flex flex-wrap gap-2 text-sm">
        <a className="btn-secondary" href={`/projects/${projectId}/acceptance/application.pdf`} target="_blank" rel="noreferrer">{t("acceptance.pdf.application")}</a>
        <a className="btn-secondary" href={`/projects/${projectId}/acceptance/certificate.pdf`} target="_blank" rel="noreferrer">{t("acceptance.pdf.certificate")}</a>
      </div>
      <h3 className="mt-4 text-sm font-semibold text-slate-800">{t("acceptance.round.links")}</h3>
      <div className="-mx-1 overflow-x-auto px-1">
        <table className="table-dense w-full min-w-[36rem] text-sm" data-testid="acceptance-links">
          <thead><tr><th>{t("acceptance.round.party")}</th><th>{t("acceptance.round.recipient")}</th><th>{t("acceptance.round.status")}</th><th>{t("acceptance.round.sent")}</th><th>{t("acceptance.round.opened")}</th><th /></tr></thead>
          <tbody>
            {round.tasks.map((task) => (
              <tr key={task.id}>
                <td>{t(`review.party.${task.party}`)}</td>
                <td className="break-all">{task.recipientName} &lt;{task.recipientEmail}&gt;</td>
                <td><Badge tone={TONE[task.status] ?? "gray"}>{t(task.status === "decided" ? `acceptance.task.${task.decision ?? "decided"}` : `review.status.${task.status}`)}</Badge></td>
                <td className="whitespace-nowrap">{time(task.sentAt)}</td>
                <td className="whitespace-nowrap">{time(task.openedAt)}</td>
                <td className="whitespace-nowrap text-right">
                  {canManage && (task.status === "pending" || task.status === "opened" || task.status === "expired") ? (
                    <span className="inline-flex gap-2">
                      <Form method="post" action="?intent=resendTask" preventScrollReset><input type="hidden" name="taskId" value={task.id} /><button className="btn-link" type="submit">{t("acceptance.task.resend")}</button></Form>
                      {task.status !== "expired" ? <Form method="post" action="?intent=revokeTask" preventScrollReset><input type="hidden" name="taskId" value={task.id} /><button className="btn-link text-red-700" type="submit">{t("acceptance.task.revoke")}</button></Form> : null}
                    </span>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {round.signers.length ? (
        <>
          <h3 className="mt-4 text-sm font-semibold text-slate-800">{t("acceptance.view.signatures")}</h3>
          <ul className="mt-1 space-y-2 text-sm" data-testid="acceptance-signers">
            {round.signers.map((s, i) => (
              <li key={i} className={`rounded border p-2 ${s.voided ? "border-slate-200 text-slate-400 line-through" : "border-slate-200"}`}>
                <span className="font-medium">{t(`review.party.${s.party}`)} · {s.organisation}</span> — {s.signerRole} {s.signerName} ·{" "}
                {s.decision === "approved" ? t("acceptance.signed") : t("acceptance.rejected")} · {time(s.signedAt)}
                {s.opinion ? <p className="mt-1 whitespace-pre-line text-slate-600">{s.opinion}</p> : null}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </Card>
  );
}
