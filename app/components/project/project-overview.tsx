// The project page's read-only parts: stage timeline, master data, warranty, equipment.
import type { ReactNode } from "react";
import { Badge, Card } from "~/components/ui/layout";
import { useLocale, useT } from "~/i18n/use-t";
import { formatFen } from "~/lib/money";
import { WARRANTY_MONTHS, type WarrantyClock } from "~/services/projects/warranty-clock";
import { Instant, substateLabel } from "./labels";

export interface TimelineStepView {
  stage: string;
  label: string;
  reachedAt: string | null;
  current: boolean;
  done?: boolean;
}

export function StageTimeline({ steps, substates }: { steps: TimelineStepView[]; substates: string[] }) {
  const t = useT();
  return (
    <Card title={t("projects.timeline.title")}>
      <ol className="flex flex-col gap-2 sm:flex-row sm:flex-wrap sm:gap-x-1 sm:gap-y-2">
        {steps.map((step, i) => {
          const done = step.done ?? (!step.current && step.reachedAt !== null);
          const cancelled = step.stage === "cancelled";
          const tone = cancelled
            ? "border-red-300 bg-red-50 text-red-800"
            : step.current
              ? "border-brand-500 bg-brand-50 text-brand-800 ring-2 ring-brand-200"
              : done
                ? "border-emerald-200 bg-emerald-50 text-emerald-800"
                : "border-slate-200 bg-white text-slate-400";
          return (
            <li key={step.stage} className="flex items-center gap-1" aria-current={step.current ? "step" : undefined}>
              <div className={`rounded-md border px-2.5 py-1.5 text-sm ${tone}`}>
                <span className="font-medium">
                  {cancelled ? "✕ " : done ? "✓ " : step.current ? "● " : ""}
                  {step.label}
                </span>
                {step.reachedAt && (done || step.current) ? (
                  <span className="block text-xs opacity-80">
                    <Instant iso={step.reachedAt} withTime={false} />
                  </span>
                ) : null}
                {step.current && substates.length > 0 ? <span className="block text-xs">{substates.join(" · ")}</span> : null}
              </div>
              {i < steps.length - 1 ? (
                <span className="hidden text-slate-300 sm:inline" aria-hidden>
                  →
                </span>
              ) : null}
            </li>
          );
        })}
      </ol>
    </Card>
  );
}

export interface MasterDataView {
  clientName: string;
  pmName: string;
  supervisionName: string | null;
  designName: string | null;
  siteAddress: string;
  clientContractNo: string;
  clientContractAmountFen: number;
  clientContractSignedOn: string;
  plannedStartOn: string | null;
  plannedFinishOn: string | null;
}

export function MasterData({ data }: { data: MasterDataView }) {
  const t = useT();
  const none = <span className="text-slate-400">{t("common.none")}</span>;
  const rows: [string, ReactNode][] = [
    [t("projects.field.client"), data.clientName],
    [t("projects.field.siteAddress"), data.siteAddress],
    [t("projects.field.contractNo"), data.clientContractNo],
    [t("projects.field.contractAmount"), <span className="tabular-nums">{formatFen(data.clientContractAmountFen)}</span>],
    [t("projects.field.contractSignedOn"), data.clientContractSignedOn],
    [t("projects.field.pm"), data.pmName],
    [t("projects.field.supervision"), data.supervisionName ?? none],
    [t("projects.field.design"), data.designName ?? none],
    [t("projects.field.plannedStart"), data.plannedStartOn ?? none],
    [t("projects.field.plannedFinish"), data.plannedFinishOn ?? none],
  ];
  return (
    <Card title={t("projects.masterData.title")}>
      <dl className="grid gap-x-4 gap-y-2 text-sm sm:grid-cols-[auto_1fr]">
        {rows.map(([label, value]) => (
          <div key={label} className="contents">
            <dt className="text-slate-500">{label}</dt>
            <dd className="break-words text-slate-900">{value}</dd>
          </div>
        ))}
      </dl>
    </Card>
  );
}

export function EquipmentTable({ lines }: { lines: { id: string; model: string; quantity: number; location: string; installedQuantity: number }[] }) {
  const t = useT();
  return (
    <Card title={t("projects.form.equipment")}>
      <div className="-mx-4 overflow-x-auto">
        <table className="table-dense">
          <thead>
            <tr>
              <th>#</th>
              <th>{t("projects.equipment.model")}</th>
              <th className="text-right">{t("projects.equipment.quantity")}</th>
              <th className="text-right">{t("projects.equipment.installed")}</th>
              <th>{t("projects.equipment.location")}</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {lines.map((line, i) => (
              <tr key={line.id}>
                <td className="text-slate-500">{i + 1}</td>
                <td>{line.model}</td>
                <td className="text-right tabular-nums">{line.quantity}</td>
                <td className="text-right tabular-nums">{line.installedQuantity}</td>
                <td>{line.location}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Card>
  );
}

const WARRANTY_TONES = { active: "green", expiring: "amber", expired: "gray" } as const;

/** After acceptance: accepted on, the 12-month period, its last day, and the days left (as of today, Shanghai). */
export function WarrantyCard({ warranty }: { warranty: WarrantyClock }) {
  const t = useT();
  const locale = useLocale();
  const left =
    warranty.daysLeft > 0
      ? t("acceptanceDocs.warranty.daysLeft", { days: warranty.daysLeft })
      : warranty.daysLeft === 0
        ? t("acceptanceDocs.warranty.lastDay")
        : t("acceptanceDocs.warranty.expired", { days: -warranty.daysLeft });
  const rows: [string, ReactNode][] = [
    [t("acceptanceDocs.warranty.acceptedOn"), warranty.acceptedOn],
    [t("acceptanceDocs.warranty.period"), t("acceptanceDocs.warranty.months", { months: WARRANTY_MONTHS })],
    [t("acceptanceDocs.warranty.endsOn"), warranty.endsOn],
    [t("acceptanceDocs.warranty.remaining"), <span className={warranty.state === "active" ? "" : "font-medium"}>{left}</span>],
  ];
  return (
    <Card
      title={t("acceptanceDocs.warranty.title")}
      actions={<Badge tone={WARRANTY_TONES[warranty.state]}>{substateLabel(`handover.warranty.${warranty.state}`, locale) ?? warranty.state}</Badge>}
    >
      <dl className="grid gap-x-4 gap-y-2 text-sm sm:grid-cols-[auto_1fr]">
        {rows.map(([label, value]) => (
          <div key={label} className="contents">
            <dt className="text-slate-500">{label}</dt>
            <dd className="tabular-nums text-slate-900">{value}</dd>
          </div>
        ))}
      </dl>
    </Card>
  );
}
