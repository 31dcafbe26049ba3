// The project's audit log: who (and in which role) did what, when (Asia/Shanghai), from → to.
import { Card, EmptyState } from "~/components/ui/layout";
import { Pagination } from "~/components/ui/pagination";
import type { Translate } from "~/i18n";
import { useLocale, useT } from "~/i18n/use-t";
import { formatFen } from "~/lib/money";
import { Instant, stageLabel, useEventLabel } from "./labels";

export interface AuditRowView {
  id: number;
  at: string;
  actorLabel: string;
  role: string;
  event: string;
  fromStage: string | null;
  toStage: string | null;
  payload: unknown;
}

/** A one-line summary of an event's payload; field names translated, long text shortened. */
export function summarisePayload(event: string, payload: unknown, t: Translate): string {
  if (!payload || typeof payload !== "object") return "";
  const p = payload as Record<string, unknown>;
  if (event === "PROJECT_UPDATED" && Array.isArray(p.changed)) {
    return t("projects.audit.changed", { fields: p.changed.map((f) => t(`projects.audit.field.${String(f)}`)).join("、") });
  }
  const parts: string[] = [];
  for (const [key, value] of Object.entries(p)) {
    if (value === null || value === undefined || value === "") continue;
    let text: string;
    if (/Fen$/.test(key) && typeof value === "number") text = formatFen(value);
    else if (Array.isArray(value)) text = value.map(String).join("；");
    else if (typeof value === "object") continue;
    else text = String(value);
    if (text.length > 80) text = `${text.slice(0, 80)}…`;
    parts.push(`${key}: ${text}`);
  }
  return parts.join(" · ");
}

export function AuditLog({ rows, total, page, pageSize }: { rows: AuditRowView[]; total: number; page: number; pageSize: number }) {
  const t = useT();
  const locale = useLocale();
  const eventLabel = useEventLabel();
  const stage = (s: string | null) => (s ? stageLabel(s, locale) : "—");
  return (
    <Card title={t("projects.audit.title")}>
      {rows.length === 0 ? (
        <EmptyState>{t("table.empty")}</EmptyState>
      ) : (
        <ol className="divide-y divide-slate-100 text-sm">
          {rows.map((row) => {
            const summary = summarisePayload(row.event, row.payload, t);
            return (
              <li key={row.id} className="grid gap-1 py-2 sm:grid-cols-[10rem_1fr]">
                <span className="tabular-nums text-slate-500">
                  <Instant iso={row.at} />
                </span>
                <div className="min-w-0">
                  <p>
                    <span className="font-medium text-slate-900">{eventLabel(row.event)}</span>
                    <span className="text-slate-500">
                      {" · "}
                      {row.actorLabel}（{t(`role.${row.role}`)}）
                    </span>
                  </p>
                  {row.fromStage !== row.toStage ? (
                    <p className="text-xs text-slate-600">
                      {stage(row.fromStage)} → {stage(row.toStage)}
                    </p>
                  ) : null}
                  {summary ? <p className="break-words text-xs text-slate-500">{summary}</p> : null}
                </div>
              </li>
            );
          })}
        </ol>
      )}
      {total > pageSize ? <Pagination page={page} pageSize={pageSize} total={total} /> : null}
    </Card>
  );
}
