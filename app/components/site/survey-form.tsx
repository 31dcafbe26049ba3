// The survey form, phone first: one column, large touch targets. Obstacle rows are added and
// removed in the browser when JavaScript runs; without it the same buttons post and the action
// returns the rows changed (nothing written).
import { Form } from "@remix-run/react";
import { useState } from "react";
import { TextAreaField, TextField } from "~/components/ui/field";
import { useT } from "~/i18n/use-t";
import { PhotoUpload } from "./photo-upload";

export interface SurveyFailure {
  intent: string;
  errors: Record<string, string>;
  values: Record<string, string>;
  message: string;
  refusals?: string[];
}

export interface SurveyFormProps {
  initial: { siteLeadName: string; crewLeadName: string; surveyedOn: string | null; conditions: string; drawingsConfirmed: boolean; obstacles: { description: string; plan: string }[] };
  failure: SurveyFailure | null;
}

type Row = { key: number; description: string; plan: string };

/** Obstacle rows from refilled values (`obstacles[i].description`…), in index order. */
export function obstacleRowsFromValues(values: Record<string, string>): { description: string; plan: string }[] {
  const rows = new Map<number, { description: string; plan: string }>();
  for (const [k, v] of Object.entries(values)) {
    const m = /^obstacles\[(\d+)\]\.(description|plan)$/.exec(k);
    if (!m) continue;
    const row = rows.get(Number(m[1])) ?? { description: "", plan: "" };
    row[m[2] as "description" | "plan"] = v;
    rows.set(Number(m[1]), row);
  }
  return [...rows.entries()].sort((a, b) => a[0] - b[0]).map(([, r]) => r);
}

export function SurveyForm({ initial, failure }: SurveyFormProps) {
  const t = useT();
  const refill = failure && failure.intent !== "complete" ? failure.values : null;
  const errors = failure && failure.intent !== "complete" ? failure.errors : {};
  const v = (name: keyof SurveyFormProps["initial"]) => (refill ? refill[name] ?? "" : String(initial[name] ?? ""));
  const startRows = refill ? obstacleRowsFromValues(refill) : initial.obstacles;
  const [rows, setRows] = useState<Row[]>(() => startRows.map((r, i) => ({ key: i, ...r })));
  const [keyCounter, setKeyCounter] = useState(startRows.length);
  const addRow = () => {
    setRows((r) => [...r, { key: keyCounter, description: "", plan: "" }]);
    setKeyCounter((k) => k + 1);
  };
  const drawings = refill ? refill.drawingsConfirmed === "on" : initial.drawingsConfirmed;
  return (
    <Form method="post" encType="multipart/form-data" className="space-y-5" key={JSON.stringify(refill ?? {})}>
      <TextField name="siteLeadName" label={t("site.survey.siteLead")} defaultValue={v("siteLeadName")} error={errors.siteLeadName} autoComplete="name" className="text-base" />
      <TextField name="crewLeadName" label={t("site.survey.crewLead")} defaultValue={v("crewLeadName")} error={errors.crewLeadName} autoComplete="name" />
      <TextField name="surveyedOn" type="date" label={t("site.survey.date")} defaultValue={v("surveyedOn")} error={errors.surveyedOn} />
      <TextAreaField name="conditions" rows={5} label={t("site.survey.conditions")} hint={t("site.survey.conditionsHint")} defaultValue={v("conditions")} error={errors.conditions} />

      <fieldset className="space-y-3">
        <legend className="text-sm font-medium text-slate-700">{t("site.survey.obstacles")}</legend>
        {rows.length === 0 ? <p className="text-sm text-slate-500">{t("site.survey.noObstacles")}</p> : null}
        {rows.map((row, i) => (
          <div key={row.key} className="space-y-2 rounded-md border border-slate-200 p-3">
            <TextField name={`obstacles[${i}].description`} label={t("site.survey.obstacle", { n: String(i + 1) })} defaultValue={row.description} error={errors[`obstacles[${i}].description`]} />
            <TextAreaField name={`obstacles[${i}].plan`} rows={2} label={t("site.survey.plan")} defaultValue={row.plan} error={errors[`obstacles[${i}].plan`]} />
            <button
              type="submit"
              name="intent"
              value={`removeObstacle:${i}`}
              className="btn-secondary min-h-11 w-full"
              onClick={(e) => {
                e.preventDefault();
                setRows((r) => r.filter((x) => x.key !== row.key));
              }}
            >
              {t("site.survey.removeObstacle")}
            </button>
          </div>
        ))}
        <button
          type="submit"
          name="intent"
          value="addObstacle"
          className="btn-secondary min-h-11 w-full"
          onClick={(e) => {
            e.preventDefault();
            addRow();
          }}
        >
          + {t("site.survey.addObstacle")}
        </button>
        {errors.obstacles ? <p className="text-sm text-red-600" role="alert">{t(errors.obstacles)}</p> : null}
      </fieldset>

      <label className="flex min-h-12 items-center gap-3 rounded-md border border-slate-200 px-3 text-base">
        <input type="checkbox" name="drawingsConfirmed" defaultChecked={drawings} className="h-6 w-6" />
        {t("site.survey.drawingsConfirmed")}
      </label>

      <PhotoUpload name="photos" label={t("site.survey.photos")} error={errors.photos} captionValue={refill?.photosCaption} />

      {failure && failure.intent === "save" && failure.message ? <p className="text-sm text-red-600" role="alert">{failure.message}</p> : null}
      <button type="submit" name="intent" value="save" className="btn-primary min-h-12 w-full text-base">
        {t("site.survey.save")}
      </button>
    </Form>
  );
}
