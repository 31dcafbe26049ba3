import { NavLink } from "@remix-run/react";
import { useT } from "~/i18n/use-t";

type Section = "overview" | "bidding" | "comparison" | "contract" | "survey" | "entry" | "construction" | "materials" | "rectifications" | "acceptance" | "settlement" | "warranty";

/** The tabs of one project: overview, quotes, comparison, contract (only those this user may open). */
export function ProjectSections({ projectId, sections }: { projectId: string; sections: Section[] }) {
  const t = useT();
  if (sections.length < 2) return null;
  return (
    <nav className="mb-4 flex gap-1 overflow-x-auto border-b border-slate-200" aria-label={t("projects.sections.label")}>
      {sections.map((s) => (
        <NavLink
          key={s}
          to={s === "overview" ? `/projects/${projectId}` : `/projects/${projectId}/${s}`}
          end
          className={({ isActive }) =>
            `whitespace-nowrap border-b-2 px-3 py-2 text-sm font-medium ${isActive ? "border-brand-600 text-brand-700" : "border-transparent text-slate-600 hover:text-slate-900"}`
          }
        >
          {t(`projects.sections.${s}`)}
        </NavLink>
      ))}
    </nav>
  );
}
