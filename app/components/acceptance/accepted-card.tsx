// After acceptance: the acceptance date, the warranty's last day (Civil Code rule) and the signed documents.
import { Card } from "~/components/ui/layout";
import { useT } from "~/i18n/use-t";

interface Doc { kind: string; number: string; version: number; shortCode: string }

export function AcceptedCard({ projectId, acceptedOn, warrantyEndsOn, docs }: { projectId: string; acceptedOn: string | null; warrantyEndsOn: string | null; today: string; docs: Doc[] }) {
  const t = useT();
  const doc = (kind: string) => docs.find((d) => d.kind === kind);
  return (
    <Card title={t("acceptance.accepted.title")}>
      <dl className="grid gap-3 text-sm sm:grid-cols-2">
        <div><dt className="text-slate-500">{t("acceptance.accepted.on")}</dt><dd className="font-mono text-base" data-testid="accepted-on">{acceptedOn ?? "—"}</dd></div>
        <div><dt className="text-slate-500">{t("acceptance.accepted.warrantyLabel")}</dt><dd data-testid="warranty-ends">{warrantyEndsOn ? t("acceptance.accepted.warranty", { date: warrantyEndsOn }) : "—"}</dd></div>
      </dl>
      <div className="mt-3 flex flex-wrap gap-2 text-sm">
        <a className="btn-primary" href={`/projects/${projectId}/acceptance/certificate.pdf`} target="_blank" rel="noreferrer">{t("acceptance.pdf.certificate")}</a>
        <a className="btn-secondary" href={`/projects/${projectId}/acceptance/application.pdf`} target="_blank" rel="noreferrer">{t("acceptance.pdf.application")}</a>
        {["completion", "acceptanceApplication"].map((k) => doc(k)).filter(Boolean).map((d) => (
          <a key={d!.shortCode} className="btn-link" href={`/v/${d!.shortCode}`} target="_blank" rel="noreferrer">{d!.number}</a>
        ))}
      </div>
    </Card>
  );
}
