// "完成现场勘察": sends COMPLETE_SURVEY with the version the page was loaded at; the machine's
// refusals (and what is still missing before trying) are shown right at the button.
import { Form } from "@remix-run/react";
import { useT } from "~/i18n/use-t";

export function SurveyComplete({ version, missing, refusals }: { version: number; missing: string[]; refusals: string[] | null }) {
  const t = useT();
  const shown = refusals ?? missing;
  return (
    <Form method="post" encType="multipart/form-data" className="space-y-3">
      <input type="hidden" name="version" value={version} />
      {shown.length > 0 ? (
        <div role={refusals ? "alert" : "status"} className={`rounded-md border p-3 text-sm ${refusals ? "border-red-200 bg-red-50 text-red-800" : "border-amber-200 bg-amber-50 text-amber-900"}`}>
          <p className="font-medium">{refusals ? t("site.survey.refused") : t("site.survey.stillMissing")}</p>
          <ul className="mt-1 list-disc pl-5">
            {shown.map((m) => (
              <li key={m}>{m}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <button type="submit" name="intent" value="complete" className="btn-primary min-h-12 w-full text-base">
        {t("site.survey.complete")}
      </button>
      <p className="text-xs text-slate-500">{t("site.survey.completeHint")}</p>
    </Form>
  );
}
