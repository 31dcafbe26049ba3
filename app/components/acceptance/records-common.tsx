// Small pieces the three record cards share: the refused form's message, the warning that a save
// restarts the signing, why the card is read-only, and field messages that carry parameters.
import type { ReactNode } from "react";
import { Alert } from "~/components/ui/layout";
import { useT } from "~/i18n/use-t";
import type { IntentResult } from "~/services/acceptance/intent-result";
import { messageText } from "~/services/acceptance/records-shared";

export type RecordsFailure = Extract<IntentResult, { ok: false }>;

export interface RecordCardProps<D> {
  data: D;
  editable: boolean;
  /** Catalogue key (or text) saying why the card cannot be changed now. */
  readOnlyReason?: string | null;
  result?: IntentResult;
  underReview: boolean;
}

/** The failure of this card's intent(s), if that is what the last submission was. */
export function failureFor(result: IntentResult | undefined, ...intents: string[]): RecordsFailure | null {
  return result && !result.ok && intents.includes(result.intent) ? result : null;
}

/** Field message → text, for messages with parameters ("key|{json}") as well as plain keys. */
export function useFieldError(failure: RecordsFailure | null): (field: string) => string | undefined {
  const t = useT();
  return (field) => {
    const encoded = failure?.errors[field];
    return encoded ? messageText(t, encoded) : undefined;
  };
}

export function FailureAlert({ failure }: { failure: RecordsFailure | null }) {
  const t = useT();
  if (!failure || (!failure.formError && !failure.formErrorText?.length)) return null;
  return (
    <div className="mb-3">
      <Alert tone="red">
        {failure.formErrorText?.length ? (
          <ul className="list-inside list-disc">{failure.formErrorText.map((m, i) => <li key={i}>{m}</li>)}</ul>
        ) : messageText(t, failure.formError ?? "error.generic")}
      </Alert>
    </div>
  );
}

export function UnderReviewWarning({ underReview }: { underReview: boolean }) {
  const t = useT();
  if (!underReview) return null;
  return <Alert tone="amber">{t("acceptanceRecords.underReviewWarning")}</Alert>;
}

/** Why the card cannot be changed (frozen, not yet); a viewer who is not the pm is told once by the page, not per card. */
export function ReadOnlyNote({ editable, reason }: { editable: boolean; reason?: string | null }) {
  const t = useT();
  if (editable || !reason || reason === "error.forbidden") return null;
  return <p className="mb-3 rounded-md bg-slate-50 px-3 py-2 text-sm text-slate-600">{t(reason)}</p>;
}

/** A message beside a control that is not a TextField (radio groups, row lists). */
export function InlineError({ id, children }: { id?: string; children?: ReactNode }) {
  if (!children) return null;
  return (
    <p id={id} className="mt-1 text-sm text-red-600" role="alert">
      {children}
    </p>
  );
}

/** Two large radio buttons (合格 / 不合格), easy to hit with a thumb. */
export function YesNoChoice({ name, value, onChange, yesLabel, noLabel, error, label }: {
  name: string;
  value: "yes" | "no" | "";
  onChange: (v: "yes" | "no") => void;
  yesLabel: string;
  noLabel: string;
  error?: string;
  label: string;
}) {
  const errorId = `f-${name}-error`;
  const option = (v: "yes" | "no", text: string) => {
    const checked = value === v;
    const tone = v === "yes" ? "peer-checked:border-emerald-500 peer-checked:bg-emerald-50 peer-checked:text-emerald-800" : "peer-checked:border-red-500 peer-checked:bg-red-50 peer-checked:text-red-800";
    return (
      <label className="flex-1 cursor-pointer">
        <input type="radio" name={name} value={v} checked={checked} onChange={() => onChange(v)} className="peer sr-only" aria-describedby={error ? errorId : undefined} />
        <span className={`block rounded-md border border-slate-300 px-3 py-2 text-center text-sm font-medium text-slate-700 peer-focus-visible:ring-2 peer-focus-visible:ring-brand-500 ${tone}`}>{text}</span>
      </label>
    );
  };
  return (
    <fieldset>
      <legend className="sr-only">{label}</legend>
      <div className="flex gap-2" role="radiogroup" aria-label={label} aria-invalid={error ? true : undefined}>
        {option("yes", yesLabel)}
        {option("no", noLabel)}
      </div>
      <InlineError id={errorId}>{error}</InlineError>
    </fieldset>
  );
}
