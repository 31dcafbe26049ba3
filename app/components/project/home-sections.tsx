// The home page's "what is waiting for me" lists.
import { Link } from "@remix-run/react";
import { Card } from "~/components/ui/layout";
import { useLocale, useT } from "~/i18n/use-t";
import type { HomeSection } from "~/services/projects/home.server";
import { Instant, StageBadge, stageLabel } from "./labels";

export function HomeSectionCard({ section }: { section: HomeSection }) {
  const t = useT();
  return (
    <Card
      title={
        <span className="flex items-center gap-2">
          {t(section.titleKey)}
          <span className="rounded-full bg-slate-100 px-2 text-xs font-medium text-slate-600" aria-label={t("home.count", { count: section.total })}>
            {section.total}
          </span>
        </span>
      }
      actions={
        section.moreHref && section.total > section.items.length ? (
          <Link to={section.moreHref} className="btn-link text-sm">
            {t("home.more")}
          </Link>
        ) : null
      }
    >
      {section.hintKey ? <p className="mb-2 text-xs text-slate-500">{t(section.hintKey)}</p> : null}
      {section.items.length === 0 ? (
        <p className="py-2 text-sm text-slate-500">{t("home.nothing")}</p>
      ) : (
        <ul className="divide-y divide-slate-100">
          {section.items.map((item) => (
            <li key={item.id}>
              <Link to={`/projects/${item.id}`} className="-mx-2 flex flex-wrap items-center justify-between gap-2 rounded px-2 py-2 hover:bg-slate-50">
                <span className="min-w-0">
                  <span className="mr-2 font-mono text-xs text-slate-500">{item.code}</span>
                  <span className="text-sm text-slate-900">{item.name}</span>
                </span>
                <span className="flex items-center gap-2 text-xs text-slate-500">
                  <StageBadge stage={item.stage} substate={item.substate} />
                  <Instant iso={item.at} withTime={false} />
                </span>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

export function StageCounts({ counts, pmId }: { counts: { stage: string; count: number }[]; pmId: string }) {
  const t = useT();
  const locale = useLocale();
  if (counts.length === 0) return null;
  return (
    <Card title={t("home.pm.byStage")}>
      <ul className="flex flex-wrap gap-2">
        {counts.map((c) => (
          <li key={c.stage}>
            <Link to={`/projects?pm=${pmId}&stage=${c.stage}`} className="inline-flex items-center gap-2 rounded-md border border-slate-200 px-3 py-1.5 text-sm hover:bg-slate-50">
              {stageLabel(c.stage, locale)}
              <span className="font-semibold text-brand-700">{c.count}</span>
            </Link>
          </li>
        ))}
      </ul>
    </Card>
  );
}

const ADMIN_LINKS = [
  { to: "/admin/users", key: "nav.users" },
  { to: "/admin/companies", key: "nav.companies" },
  { to: "/admin/mail", key: "nav.mail" },
  { to: "/admin/tokens", key: "nav.tokens" },
];

export function AdminLinks() {
  const t = useT();
  return (
    <Card title={t("nav.admin")}>
      <ul className="grid gap-2 sm:grid-cols-2">
        {ADMIN_LINKS.map((l) => (
          <li key={l.to}>
            <Link to={l.to} className="card block p-3 text-sm font-medium text-brand-700 hover:bg-slate-50">
              {t(l.key)}
            </Link>
          </li>
        ))}
      </ul>
    </Card>
  );
}
