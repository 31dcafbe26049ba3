// 施工自检及调试记录: the record as saved (every check, the trial run, each airflow with its
// deviation and verdict) and, for the pm while it may change, the form to fill it in on site.
import { formatInstant } from "~/components/project/labels";
import { Badge, Card } from "~/components/ui/layout";
import { useLocale, useT } from "~/i18n/use-t";
import type { CommissioningLine } from "~/services/acceptance/content-types";
import type { SelfInspectionRecord } from "~/services/acceptance/records-shared";
import { failureFor, ReadOnlyNote, type RecordCardProps } from "./records-common";
import { SelfInspectionForm } from "./self-inspection-form";

export function PassBadge({ passed }: { passed: boolean | null }) {
  const t = useT();
  if (passed === null) return <Badge tone="gray">{t("acceptanceRecords.self.pending")}</Badge>;
  return <Badge tone={passed ? "green" : "red"}>{t(passed ? "acceptanceRecords.self.pass" : "acceptanceRecords.self.fail")}</Badge>;
}

function AirflowRow({ label, line }: { label: string; line: CommissioningLine }) {
  return (
    <tr className="border-t border-slate-100">
      <td className="py-1.5 pr-2">{label}</td>
      <td className="py-1.5 pr-2 text-right tabular-nums">{line.designM3h.toLocaleString("en-US")}</td>
      <td className="py-1.5 pr-2 text-right tabular-nums">{line.measuredM3h.toLocaleString("en-US")}</td>
      <td className="py-1.5 pr-2 text-right tabular-nums">{line.deviationPct}%</td>
      <td className="py-1.5 text-right"><PassBadge passed={line.passed} /></td>
    </tr>
  );
}

function SelfInspectionView({ data }: { data: SelfInspectionRecord }) {
  const t = useT();
  const locale = useLocale();
  const { evaluated } = data;
  return (
    <div className="space-y-4 text-sm">
      <dl className="grid gap-x-4 gap-y-1 sm:grid-cols-[8rem_1fr]">
        <dt className="text-slate-500">{t("acceptanceRecords.self.inspectedOn")}</dt>
        <dd className="text-slate-900">{data.inspectedOn ?? "—"}</dd>
        <dt className="text-slate-500">{t("acceptanceRecords.self.foremanName")}</dt>
        <dd className="text-slate-900">{data.foremanName || "—"}</dd>
      </dl>
      <div>
        <h3 className="mb-1 font-medium text-slate-800">{t("acceptanceRecords.self.items")}</h3>
        <ul className="divide-y divide-slate-100 rounded-md border border-slate-200">
          {data.items.map((item, i) => (
            <li key={i} className="flex items-start justify-between gap-3 px-3 py-2">
              <span className="min-w-0">
                <span className="text-slate-800">{item.name}</span>
                {item.note ? <span className="block text-xs text-slate-500">{item.note}</span> : null}
              </span>
              <Badge tone={item.ok ? "green" : "red"}>{t(item.ok ? "acceptanceRecords.self.itemOk" : "acceptanceRecords.self.itemNotOk")}</Badge>
            </li>
          ))}
        </ul>
      </div>
      <div>
        <h3 className="mb-1 font-medium text-slate-800">{t("acceptanceRecords.self.trialRun")}</h3>
        <p className="flex flex-wrap items-center gap-2 text-slate-700">
          <Badge tone={data.trialRunPassed ? "green" : "red"}>{t(data.trialRunPassed ? "acceptanceRecords.self.trialRunOk" : "acceptanceRecords.self.trialRunNotOk")}</Badge>
          <span>{t("acceptanceRecords.self.hoursUnit", { n: data.trialRunHours })}</span>
        </p>
        {data.trialRunNote ? <p className="mt-1 whitespace-pre-line text-slate-600">{data.trialRunNote}</p> : null}
      </div>
      <div className="overflow-x-auto">
        <table className="w-full min-w-[28rem] text-left">
          <thead className="text-xs text-slate-500">
            <tr>
              <th className="py-1 pr-2 font-medium">{t("acceptanceRecords.self.outletLocation")}</th>
              <th className="py-1 pr-2 text-right font-medium">{t("acceptanceRecords.self.design")}</th>
              <th className="py-1 pr-2 text-right font-medium">{t("acceptanceRecords.self.measured")}</th>
              <th className="py-1 pr-2 text-right font-medium">{t("acceptanceRecords.self.deviation")}</th>
              <th className="py-1 text-right font-medium"><span className="sr-only">{t("acceptanceRecords.self.overall")}</span></th>
            </tr>
          </thead>
          <tbody>
            {evaluated.system ? <AirflowRow label={`${t("acceptanceRecords.self.system")}（±10%）`} line={evaluated.system} /> : null}
            {evaluated.outlets.map((o, i) => <AirflowRow key={i} label={o.location} line={o} />)}
          </tbody>
        </table>
      </div>
      {data.foremanSignatureFileId ? (
        <div>
          <p className="mb-1 text-slate-500">{t("acceptanceRecords.self.signatureOnFile")}</p>
          <img src={`/files/${data.foremanSignatureFileId}`} alt={t("acceptanceRecords.self.signatureOnFile")} className="h-16 w-auto rounded border border-slate-200 bg-white" />
        </div>
      ) : null}
      <p className="text-xs text-slate-500">{t("acceptanceRecords.self.recordedAt", { at: formatInstant(data.recordedAt, locale) })}</p>
    </div>
  );
}

export function SelfInspectionCard({ data, editable, readOnlyReason, result, underReview }: RecordCardProps<SelfInspectionRecord | null>) {
  const t = useT();
  const failure = failureFor(result, "selfInspection");
  return (
    <div id="self-inspection" className="scroll-mt-4">
      <Card
        title={t("acceptanceRecords.self.title")}
        actions={data ? <Badge tone={data.passed ? "green" : "red"}>{t(data.passed ? "acceptanceRecords.self.overallPass" : "acceptanceRecords.self.overallFail")}</Badge> : <Badge tone="amber">{t("acceptanceRecords.self.pending")}</Badge>}
      >
        <ReadOnlyNote editable={editable} reason={readOnlyReason} />
        {data && !data.passed ? <p className="mb-3 text-sm text-red-700">{t("acceptanceRecords.self.failHint")}</p> : null}
        {editable ? (
          // Remounted after a save so the rows start again from what was stored.
          <SelfInspectionForm key={data?.recordedAt ?? "new"} data={data} failure={failure} underReview={underReview} />
        ) : data ? (
          <SelfInspectionView data={data} />
        ) : (
          <p className="text-sm text-slate-500">{t("acceptanceRecords.self.none")}</p>
        )}
      </Card>
    </div>
  );
}
