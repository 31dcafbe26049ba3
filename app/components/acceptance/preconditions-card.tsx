// 004 §3.3(1): each acceptance precondition, met or not, with its evidence and where to fix it.
import { Card } from "~/components/ui/layout";
import { useT } from "~/i18n/use-t";

export interface PreconditionView {
  key: string;
  met: boolean;
  detail: { key: string; params?: Record<string, string> };
  href: string;
}

export function PreconditionsCard({ items, unitsCount }: { items: PreconditionView[]; unitsCount: number }) {
  const t = useT();
  const allMet = items.every((i) => i.met);
  return (
    <Card title={t("acceptance.pre.title")}>
      <ul className="divide-y divide-slate-100 text-sm" data-testid="preconditions">
        {items.map((item) => (
          <li key={item.key} className="flex items-start gap-3 py-2" data-met={item.met ? "yes" : "no"}>
            <span aria-hidden className={`mt-0.5 inline-flex h-5 w-5 shrink-0 items-center justify-center rounded-full text-xs font-bold text-white ${item.met ? "bg-green-600" : "bg-red-600"}`}>
              {item.met ? "✓" : "✗"}
            </span>
            <div className="min-w-0 flex-1">
              <p className="font-medium text-slate-900">
                {t(`acceptance.pre.${item.key}`)}
                <span className="sr-only">：{item.met ? t("acceptance.pre.met") : t("acceptance.pre.notMet")}</span>
              </p>
              <p className="text-slate-600">{t(item.detail.key, item.detail.params)}</p>
            </div>
            <a href={item.href} className="btn-link shrink-0">{t(item.met ? "acceptance.pre.view" : "acceptance.pre.fix")}</a>
          </li>
        ))}
      </ul>
      {unitsCount === 0 ? <p className="mt-2 text-sm text-amber-700">{t("acceptance.pre.noUnits")}</p> : null}
      <p className={`mt-3 text-sm font-medium ${allMet ? "text-green-700" : "text-slate-600"}`}>{t(allMet ? "acceptance.pre.allMet" : "acceptance.pre.someMissing")}</p>
    </Card>
  );
}
