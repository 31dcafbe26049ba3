import { useT } from "~/i18n/use-t";
import type { MaterialContent, VerificationContent } from "~/services/review/task-view.server";
import { FileLink, Scroll, Section } from "./commencement-view";

/** B.0.6 as the supervisor reads it. */
export function MaterialView({ content, href }: { content: MaterialContent; href: (id: string) => string }) {
  const t = useT();
  const i = content.inspection;
  return (
    <div className="text-sm text-slate-800">
      <h2 className="text-center text-lg font-semibold">{i.title}</h2>
      <p className="mt-3 leading-7">于 {i.enteredOn ?? "____"} 进场的工程材料/构配件/设备数量如下，拟用于 {i.placeOfUse || "____"} 部位，请予以审查。</p>
      <Section title={t("review.material.items")}>
        <Scroll>
          <thead><tr><th>{t("review.col.name")}</th><th>{t("review.col.spec")}</th><th>{t("review.col.quantity")}</th><th>{t("review.col.placeOfUse")}</th><th>{t("review.col.file")}</th></tr></thead>
          <tbody>
            {content.items.map((it, n) => (
              <tr key={n}><td>{it.name}</td><td>{it.spec}</td><td>{it.quantity}</td><td>{it.placeOfUse}</td><td><FileLink fileId={it.certificateFileId} href={href} /></td></tr>
            ))}
          </tbody>
        </Scroll>
      </Section>
      {i.selfCheck ? <Section title={t("review.material.selfCheck")}><p className="whitespace-pre-wrap">{i.selfCheck}</p></Section> : null}
    </div>
  );
}

/** The A.0.3 notice and the B.0.9 reply to verify. */
export function VerificationView({ content }: { content: VerificationContent }) {
  const t = useT();
  const n = content.notice;
  return (
    <div className="text-sm text-slate-800">
      <h2 className="text-center text-lg font-semibold">监理通知单 {n.number}</h2>
      <p className="mt-3"><span className="text-slate-500">{t("review.notice.subject")}：</span>{n.subject}</p>
      {n.content ? <p className="mt-1 whitespace-pre-wrap">{n.content}</p> : null}
      <p className="mt-1 text-slate-600">{t("review.notice.deadline")}：{n.deadlineOn ?? "—"}</p>
      {content.earlierReplies.length ? (
        <Section title={t("review.notice.earlierReplies")}>
          <ul className="space-y-2">
            {content.earlierReplies.map((r, i) => (
              <li key={i} className="rounded border border-slate-200 p-2"><p className="whitespace-pre-wrap">{r.content}</p><p className="text-xs text-slate-500">{r.createdAt.slice(0, 10)} {r.verdict === "rejected" ? `· ${t("review.sendBack")}：${r.verifierComment}` : ""}</p></li>
            ))}
          </ul>
        </Section>
      ) : null}
      <Section title={t("review.notice.reply")}>
        <div className="rounded-md border border-slate-200 bg-slate-50 p-3"><p className="whitespace-pre-wrap">{content.reply.content}</p><p className="mt-1 text-xs text-slate-500">{content.reply.createdAt.slice(0, 10)}</p></div>
      </Section>
    </div>
  );
}
