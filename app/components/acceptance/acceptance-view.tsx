// The completion acceptance as a signer reads it (and as the pm previews it): the application,
// equipment, commissioning results, document checklist, defects, and the signatures so far.
import { FileLink, Scroll, Section } from "~/components/review/commencement-view";
import { useT } from "~/i18n/use-t";
import { formatFen } from "~/lib/money";
import type { AcceptanceContent, AcceptanceSigner } from "~/services/acceptance/content-types";

type Href = (fileId: string) => string;

const yesNo = (ok: boolean) => (ok ? "✓" : "✗");

export function AcceptanceView({ content, href }: { content: AcceptanceContent; href?: Href }) {
  const t = useT();
  const c = content.commissioning;
  return (
    <div className="text-sm text-slate-800">
      <h2 className="text-center text-lg font-semibold">{t("acceptance.view.title")}</h2>
      <dl className="mt-3 grid gap-x-4 gap-y-1 sm:grid-cols-2">
        <Row label={t("acceptance.view.project")} value={`${content.project.code} ${content.project.name}`} />
        <Row label={t("acceptance.view.site")} value={content.project.siteAddress} />
        <Row label={t("acceptance.view.contract")} value={content.contract ? `${content.contract.number} · ${formatFen(content.contract.amountFen)}` : "—"} />
        <Row label={t("acceptance.view.meeting")} value={`${content.acceptance.date} ${content.acceptance.startTime} ${content.acceptance.place}`} />
        <Row label={t("acceptance.view.startedOn")} value={content.startedOn ?? "—"} />
        <Row label={t("acceptance.view.completedOn")} value={content.completedOn ?? "—"} />
        <Row label={t("acceptance.view.client")} value={content.parties.client} />
        <Row label={t("acceptance.view.supervision")} value={content.parties.supervision} />
        {content.parties.design ? <Row label={t("acceptance.view.design")} value={content.parties.design} /> : null}
        <Row label={t("acceptance.view.contractor")} value={`${content.parties.contractor}（${t("acceptance.view.pm")}：${content.pmName}）`} />
        <Row label={t("acceptance.view.installer")} value={content.parties.installer} />
      </dl>
      <p className="mt-3 leading-7">{content.statement}</p>

      <Section title={t("acceptance.view.equipment")}>
        {content.equipment.length ? (
          <Scroll>
            <thead><tr><th>{t("acceptance.view.name")}</th><th>{t("acceptance.view.model")}</th><th className="text-right">{t("acceptance.view.quantity")}</th><th>{t("acceptance.view.location")}</th><th>{t("acceptance.view.serials")}</th></tr></thead>
            <tbody>
              {content.equipment.map((e, i) => (
                <tr key={i}><td>{e.name}</td><td>{e.model}</td><td className="text-right">{e.quantity}</td><td>{e.location}</td><td className="break-all">{e.serialNumbers.join("、") || "—"}</td></tr>
              ))}
            </tbody>
          </Scroll>
        ) : <p className="text-slate-500">{t("acceptance.view.none")}</p>}
      </Section>

      <Section title={t("acceptance.view.commissioning")}>
        {c ? (
          <div className="space-y-2">
            <p>{t("acceptance.view.inspected", { date: c.inspectedOn ?? "—", foreman: c.foremanName })} · <strong className={c.passed ? "text-green-700" : "text-red-700"}>{c.passed ? t("acceptance.pass") : t("acceptance.fail")}</strong></p>
            <ul className="list-inside list-disc">
              {c.items.map((item, i) => <li key={i}>{yesNo(item.ok)} {item.name}{item.note ? `（${item.note}）` : ""}</li>)}
            </ul>
            <p>{t("acceptance.view.trialRun")}：{yesNo(c.trialRun.passed)} {t("acceptance.view.hours", { hours: String(c.trialRun.hours) })} {c.trialRun.note}</p>
            <Scroll>
              <thead><tr><th>{t("acceptance.view.airflowAt")}</th><th className="text-right">{t("acceptance.view.designFlow")}</th><th className="text-right">{t("acceptance.view.measured")}</th><th className="text-right">{t("acceptance.view.deviation")}</th><th>{t("acceptance.view.result")}</th></tr></thead>
              <tbody>
                {c.system ? <tr className="font-medium"><td>{t("acceptance.view.system")}（±10%）</td><td className="text-right">{c.system.designM3h}</td><td className="text-right">{c.system.measuredM3h}</td><td className="text-right">{c.system.deviationPct}%</td><td>{c.system.passed ? t("acceptance.pass") : t("acceptance.fail")}</td></tr> : null}
                {c.outlets.map((o, i) => (
                  <tr key={i}><td>{o.location}（±15%）</td><td className="text-right">{o.designM3h}</td><td className="text-right">{o.measuredM3h}</td><td className="text-right">{o.deviationPct}%</td><td>{o.passed ? t("acceptance.pass") : t("acceptance.fail")}</td></tr>
                ))}
              </tbody>
            </Scroll>
          </div>
        ) : <p className="text-slate-500">{t("acceptance.view.none")}</p>}
      </Section>

      <Section title={t("acceptance.view.documents")}>
        <Scroll>
          <tbody>
            {content.documents.map((d) => (
              <tr key={d.kind}><td>{yesNo(Boolean(d.fileId))} {d.label}</td><td className="break-all">{d.fileName ?? "—"}</td><td>{href ? <FileLink fileId={d.fileId} href={href} /> : null}</td></tr>
            ))}
          </tbody>
        </Scroll>
      </Section>

      <Section title={t("acceptance.view.defects")}>
        {content.defects.length ? (
          <ul className="list-inside list-disc">
            {content.defects.map((d, i) => <li key={i}>{d.number ? `${d.number} ` : ""}{d.subject} — {t(`acceptance.defect.${d.status}`)}{d.closedOn ? `（${d.closedOn}）` : ""}</li>)}
          </ul>
        ) : <p className="text-slate-500">{t("acceptance.view.noDefects")}</p>}
      </Section>
    </div>
  );
}

function Row({ label, value }: { label: string; value: string }) {
  return (
    <div className="flex gap-2 py-0.5">
      <dt className="shrink-0 text-slate-500">{label}：</dt>
      <dd className="min-w-0 break-words">{value || "—"}</dd>
    </div>
  );
}

/** Signatures given so far in this round, in party order. */
export function AcceptanceSigners({ signers }: { signers: Pick<AcceptanceSigner, "party" | "decision" | "opinion" | "signerName" | "signerRole" | "organisation" | "signedAt">[] }) {
  const t = useT();
  if (!signers.length) return null;
  return (
    <Section title={t("acceptance.view.signatures")}>
      <ul className="space-y-2">
        {signers.map((s, i) => (
          <li key={i} className="rounded border border-slate-200 p-2">
            <p className="font-medium">{t(`review.party.${s.party}`)} · {s.organisation}</p>
            <p>{s.decision === "approved" ? t("acceptance.signed") : t("acceptance.rejected")}：{s.opinion || "—"}</p>
            <p className="text-slate-500">{s.signerRole} {s.signerName} · {s.signedAt.slice(0, 16).replace("T", " ")} UTC</p>
          </li>
        ))}
      </ul>
    </Section>
  );
}
