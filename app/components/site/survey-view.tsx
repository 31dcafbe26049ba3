// The survey read-only: for the project's viewers and after COMPLETE_SURVEY.
import { useT } from "~/i18n/use-t";
import { PhotoGrid } from "./photo-grid";
import type { SurveyFormProps } from "./survey-form";

export function SurveyView({ survey }: { survey: SurveyFormProps["initial"] & { photos: { id: string; fileId: string; caption: string }[] } }) {
  const t = useT();
  const dash = (s: string | null) => (s && s.trim() ? s : "—");
  return (
    <div className="space-y-4 text-sm">
      <dl className="grid grid-cols-1 gap-3 sm:grid-cols-2">
        <div><dt className="text-slate-500">{t("site.survey.siteLead")}</dt><dd className="font-medium">{dash(survey.siteLeadName)}</dd></div>
        <div><dt className="text-slate-500">{t("site.survey.crewLead")}</dt><dd className="font-medium">{dash(survey.crewLeadName)}</dd></div>
        <div><dt className="text-slate-500">{t("site.survey.date")}</dt><dd>{dash(survey.surveyedOn)}</dd></div>
        <div><dt className="text-slate-500">{t("site.survey.drawingsConfirmed")}</dt><dd>{survey.drawingsConfirmed ? t("common.yes") : t("common.no")}</dd></div>
      </dl>
      <div>
        <p className="text-slate-500">{t("site.survey.conditions")}</p>
        <p className="whitespace-pre-wrap">{dash(survey.conditions)}</p>
      </div>
      <div>
        <p className="text-slate-500">{t("site.survey.obstacles")}</p>
        {survey.obstacles.length === 0 ? (
          <p>{t("site.survey.noObstacles")}</p>
        ) : (
          <ul className="mt-1 space-y-2">
            {survey.obstacles.map((o, i) => (
              <li key={i} className="rounded border border-slate-200 p-2">
                <p className="font-medium">{o.description}</p>
                <p className="whitespace-pre-wrap text-slate-700">
                  {t("site.survey.plan")}：{o.plan || <span className="text-red-600">{t("site.survey.planMissing")}</span>}
                </p>
              </li>
            ))}
          </ul>
        )}
      </div>
      <div>
        <p className="mb-1 text-slate-500">{t("site.survey.photos")}</p>
        <PhotoGrid photos={survey.photos} />
      </div>
    </div>
  );
}
