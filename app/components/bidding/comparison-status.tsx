// The rule-of-three box: how many companies have a valid quote, and — for the pm — exactly what
// the machine says is still missing before SUBMIT_FOR_DECISION.
import { Card } from "~/components/ui/layout";
import { useT } from "~/i18n/use-t";

export function ComparisonStatus({ validCount, missing }: { validCount: number; missing: string[] | null }) {
  const t = useT();
  const met = validCount >= 3;
  return (
    <Card title={t("bidding.comparison.ruleOfThree")}>
      <div className="flex items-center gap-3" data-testid="rule-of-three">
        <span className={`text-2xl font-semibold tabular-nums ${met ? "text-emerald-700" : "text-amber-700"}`}>{t("bidding.comparison.validCount", { n: validCount })}</span>
        {met ? <span className="text-sm text-emerald-700">{t("bidding.comparison.ruleMet")}</span> : null}
      </div>
      <p className="mt-1 text-xs text-slate-500">{t("bidding.comparison.ruleHint")}</p>
      {missing && missing.length > 0 ? (
        <div className="mt-3 rounded-md border border-amber-200 bg-amber-50 p-3 text-sm text-amber-900" role="status">
          <p className="font-medium">{t("bidding.comparison.missing")}</p>
          <ul className="mt-1 list-disc pl-5">
            {missing.map((m) => (
              <li key={m}>{m}</li>
            ))}
          </ul>
        </div>
      ) : null}
    </Card>
  );
}
