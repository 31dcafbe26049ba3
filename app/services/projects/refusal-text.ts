import { describeRefusal } from "#machines/messages";
import type { Refusal } from "#machines/types";
import { translate, type Locale } from "~/i18n";
import { archiveLabel } from "./archive-checklist";

/** Codes the runtime adds around the machine (not guard outcomes). */
const RUNTIME_CODES: Record<string, string> = {
  STALE_VERSION: "error.conflict",
  PROJECT_NOT_FOUND: "error.notFound",
};

/** A refusal in the reader's language; archive kinds are shown by their checklist names. */
export function refusalText(refusal: Refusal, locale: Locale): string {
  const key = RUNTIME_CODES[refusal.code];
  if (key) return translate(locale, key);
  const params = { ...refusal.params };
  if (typeof params.documents === "string") {
    params.documents = params.documents
      .split("、")
      .map((kind) => archiveLabel(kind, locale))
      .join(locale === "en" ? ", " : "、");
  }
  return describeRefusal({ code: refusal.code, params }, locale);
}

export function refusalsText(refusals: Refusal[], locale: Locale): string[] {
  return refusals.map((r) => refusalText(r, locale));
}
