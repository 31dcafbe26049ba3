// A.0.3 notices with their B.0.9 replies and the supervisor's verdicts as a thread. There is no
// close button: a notice closes only when the supervisor accepts a reply through the link.
import { Form } from "@remix-run/react";
import { TextAreaField } from "~/components/ui/field";
import { Badge } from "~/components/ui/layout";
import { useT } from "~/i18n/use-t";
import type { RectificationListRow } from "~/services/site/rectification-list.server";

const TONE = { open: "amber", replied: "blue", closed: "green" } as const;

export interface ReplyFailure {
  rectificationId: string;
  formError: string;
  errors: Record<string, string>;
  values: Record<string, string>;
}

export function RectificationList({ notices, canReply, failure }: { notices: RectificationListRow[]; canReply: boolean; failure: ReplyFailure | null }) {
  const t = useT();
  if (notices.length === 0) return <p className="text-sm text-slate-500">{t("rectifications.none")}</p>;
  return (
    <ul className="space-y-4">
      {notices.map((n) => {
        const f = failure?.rectificationId === n.id ? failure : null;
        return (
          <li key={n.id} className={`card space-y-2 p-4 ${n.overdue ? "border-red-400 bg-red-50" : ""}`} data-testid="rectification">
            <div className="flex flex-wrap items-center gap-2">
              <span className="font-mono text-sm">{n.number}</span>
              <h3 className="font-semibold">{n.subject}</h3>
              <Badge tone={TONE[n.status]}>{t(`rectifications.status.${n.status}`)}</Badge>
              {n.overdue ? <Badge tone="red">{t("rectifications.overdue")}</Badge> : null}
              <span className="text-xs text-slate-500">{t(`rectifications.via.${n.issuedVia}`)}</span>
            </div>
            <p className="whitespace-pre-wrap text-sm">{n.content}</p>
            <p className="text-xs text-slate-600">
              {t("rectifications.deadline", { date: n.deadlineOn ?? "—" })} · {t("rectifications.issuedBy", { name: n.issuedBy || "—" })}
            </p>
            {n.replies.length ? (
              <ol className="space-y-2 border-l-2 border-slate-200 pl-3">
                {n.replies.map((r) => (
                  <li key={r.id} className="text-sm">
                    <p className="text-slate-500">{r.createdAt.slice(0, 16).replace("T", " ")}</p>
                    <p>{t("rectifications.replyLead", { number: n.number })}</p>
                    <p className="whitespace-pre-wrap">{r.content}</p>
                    {r.photoFileIds.length ? (
                      <div className="mt-1 flex flex-wrap gap-2">
                        {r.photoFileIds.map((id) => (
                          <a key={id} href={`/files/${id}`}><img src={`/files/${id}`} loading="lazy" alt="" className="h-24 w-24 object-cover" /></a>
                        ))}
                      </div>
                    ) : null}
                    <p className={r.verdict === "rejected" ? "text-red-700" : r.verdict === "accepted" ? "text-emerald-700" : "text-slate-500"}>
                      {r.verdict ? t(`rectifications.verdict.${r.verdict}`) : t("rectifications.verdict.awaiting")}
                      {r.verifierComment ? <span className="whitespace-pre-wrap">：{r.verifierComment}</span> : null}
                    </p>
                  </li>
                ))}
              </ol>
            ) : null}
            {canReply && n.status === "open" ? (
              <details open={Boolean(f)}>
                <summary className="cursor-pointer text-sm font-medium text-brand-700">{t("rectifications.reply")}</summary>
                <Form method="post" encType="multipart/form-data" className="mt-2 space-y-2">
                  {f?.formError ? <p className="text-sm text-red-600" role="alert">{t(f.formError)}</p> : null}
                  <input type="hidden" name="rectificationId" value={n.id} />
                  <p className="text-sm">{t("rectifications.replyLead", { number: n.number })}</p>
                  <TextAreaField name="content" id={`content-${n.id}`} label={t("rectifications.reply.content")} defaultValue={f?.values.content ?? ""} error={f?.errors.content} required maxLength={5000} />
                  <label className="block text-sm">
                    {t("rectifications.reply.photos")}
                    <input type="file" name="photos" accept="image/*" capture="environment" multiple className="block" />
                    {f?.errors.photos ? <span className="text-red-600" role="alert">{t(f.errors.photos)}</span> : null}
                  </label>
                  <button type="submit" name="intent" value="reply" className="btn-primary">{t("rectifications.reply.submit")}</button>
                </Form>
              </details>
            ) : null}
            {canReply && n.status === "replied" ? (
              <Form method="post">
                <input type="hidden" name="rectificationId" value={n.id} />
                <button type="submit" name="intent" value="resendVerification" className="btn-link text-sm">{t("rectifications.resendVerification")}</button>
              </Form>
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}
