import type { ReactNode } from "react";
import { useT } from "~/i18n/use-t";
import type { CommencementContent, CommencementOpinion } from "~/services/site/commencement-content.server";

type Href = (fileId: string) => string;

export function FileLink({ fileId, href }: { fileId: string | null; href: Href }) {
  const t = useT();
  return fileId ? <a className="btn-link" href={href(fileId)} target="_blank" rel="noreferrer">{t("review.view")}</a> : <span className="text-slate-400">—</span>;
}

export function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="mt-4">
      <h3 className="mb-2 text-sm font-semibold text-slate-800">{title}</h3>
      {children}
    </section>
  );
}

export function Scroll({ children }: { children: ReactNode }) {
  return <div className="-mx-1 overflow-x-auto px-1"><table className="table-dense w-full min-w-[28rem] text-sm">{children}</table></div>;
}

/** The 工程开工报审表 as the reviewer reads it: addressees, the application, attachments. */
export function CommencementView({ content, href }: { content: CommencementContent; href: Href }) {
  const t = useT();
  return (
    <div className="text-sm text-slate-800">
      <h2 className="text-center text-lg font-semibold">{content.title}</h2>
      <p className="mt-3">
        {t("review.to")}：{content.addressedTo.client || "（建设单位）"}（建设单位）、{content.addressedTo.supervision || "（监理单位）"}（项目监理机构）
      </p>
      <p className="mt-2 leading-7">{content.statement}</p>
      <p className="mt-2 text-slate-600">
        {t("review.applicant")}：{content.applicant.company} · {t("review.pm")}：{content.applicant.pmName}
      </p>
      <Section title={`${t("review.attachments")} 1：${t("review.certificates")}`}>
        {content.certificates.length ? (
          <Scroll>
            <thead><tr><th>{t("review.col.name")}</th><th>{t("review.col.number")}</th><th>{t("review.col.expires")}</th><th>{t("review.col.file")}</th></tr></thead>
            <tbody>
              {content.certificates.map((c, i) => (
                <tr key={i}><td>{c.name}</td><td>{c.number}</td><td>{c.expiresOn ?? "—"}</td><td><FileLink fileId={c.fileId} href={href} /></td></tr>
              ))}
            </tbody>
          </Scroll>
        ) : <p className="text-slate-500">{t("review.none")}</p>}
      </Section>
      <Section title={`${t("review.attachments")} 2：${t("review.crew")}`}>
        {content.crew.length ? (
          <Scroll>
            <thead><tr><th>{t("review.col.name")}</th><th>{t("review.col.position")}</th><th>{t("review.col.idNumber")}</th><th>{t("review.col.credentials")}</th></tr></thead>
            <tbody>
              {content.crew.map((m, i) => (
                <tr key={i}>
                  <td>{m.name}</td><td>{m.position}</td><td className="font-mono">{m.idNumber}</td>
                  <td>
                    {m.credentials.map((c, j) => (
                      <div key={j}>{c.type} {c.number}{c.expiresOn ? `（${t("review.col.expires")} ${c.expiresOn}）` : ""} <FileLink fileId={c.fileId} href={href} /></div>
                    ))}
                  </td>
                </tr>
              ))}
            </tbody>
          </Scroll>
        ) : <p className="text-slate-500">{t("review.none")}</p>}
      </Section>
      <Section title={`${t("review.attachments")} 3：${t("review.survey")}`}>
        {content.survey ? (
          <dl className="grid grid-cols-1 gap-x-4 gap-y-1 sm:grid-cols-[8rem_1fr]">
            <dt className="text-slate-500">{t("review.survey.date")}</dt><dd>{content.survey.surveyedOn ?? "—"}</dd>
            <dt className="text-slate-500">{t("review.survey.lead")}</dt><dd>{content.survey.siteLeadName}</dd>
            <dt className="text-slate-500">{t("review.survey.crewLead")}</dt><dd>{content.survey.crewLeadName}</dd>
            <dt className="text-slate-500">{t("review.survey.conditions")}</dt><dd className="whitespace-pre-wrap">{content.survey.conditions}</dd>
            <dt className="text-slate-500">{t("review.survey.drawings")}</dt><dd>{t(content.survey.drawingsConfirmed ? "review.yes" : "review.no")}</dd>
            <dt className="text-slate-500">{t("review.survey.obstacles")}</dt>
            <dd>{content.survey.obstacles.length ? <ul className="list-disc pl-5">{content.survey.obstacles.map((o, i) => <li key={i}>{o.description} → {o.plan}</li>)}</ul> : t("review.none")}</dd>
            {content.survey.photos.length ? (
              <>
                <dt className="text-slate-500">{t("review.survey.photos")}</dt>
                <dd className="flex flex-wrap gap-2">
                  {content.survey.photos.map((p, i) => p.fileId ? <a key={i} href={href(p.fileId)} target="_blank" rel="noreferrer"><img src={href(p.fileId)} alt="" loading="lazy" className="h-24 w-24 rounded object-cover" /></a> : null)}
                </dd>
              </>
            ) : null}
          </dl>
        ) : <p className="text-slate-500">{t("review.none")}</p>}
      </Section>
    </div>
  );
}

/** Opinions already given in this round (the client sees the supervisor's). */
export function EarlierOpinions({ opinions }: { opinions: CommencementOpinion[] }) {
  const t = useT();
  if (!opinions.length) return null;
  return (
    <Section title={t("review.earlierOpinions")}>
      <ul className="space-y-2">
        {opinions.map((o, i) => (
          <li key={i} className="rounded-md border border-slate-200 bg-slate-50 p-3">
            <div className="font-medium">{t(`review.party.${o.party}`)}：{t(o.decision === "approved" ? "review.approve" : "review.reject")}</div>
            {o.opinion ? <p className="mt-1 whitespace-pre-wrap">{o.opinion}</p> : null}
            <p className="mt-1 text-xs text-slate-500">{o.signerRole} {o.signerName}（{o.organisation}） · {o.signedAt.slice(0, 10)}</p>
          </li>
        ))}
      </ul>
    </Section>
  );
}
