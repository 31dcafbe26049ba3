// Labels and formats for project pages: stage/event names from the machine, Shanghai times.
import { EVENT_LABELS, STAGE_LABELS, SUBSTATE_LABELS } from "#machines/labels";
import type { EventType, Stage } from "#machines/types";
import type { Locale } from "~/i18n";
import { useLocale, useT } from "~/i18n/use-t";
import { Badge } from "~/components/ui/layout";

export function stageLabel(stage: string, locale: Locale): string {
  return STAGE_LABELS[stage as Stage]?.[locale] ?? stage;
}

export function substateLabel(path: string, locale: Locale): string | null {
  return SUBSTATE_LABELS[path]?.[locale] ?? null;
}

/** Machine events by their label; master-data events from the catalogue. */
export function useEventLabel(): (event: string) => string {
  const locale = useLocale();
  const t = useT();
  return (event) => EVENT_LABELS[event as EventType]?.[locale] ?? t(`projects.audit.event.${event}`);
}

const STAGE_TONES: Record<string, "gray" | "blue" | "green" | "amber" | "red"> = {
  awaitingDecision: "amber",
  entryReview: "amber",
  acceptanceReview: "amber",
  handover: "green",
  closed: "gray",
  cancelled: "red",
};

export function StageBadge({ stage, substate }: { stage: string; substate?: string | null }) {
  const locale = useLocale();
  const sub = substate ? substateLabel(substate, locale) : null;
  return (
    <Badge tone={STAGE_TONES[stage] ?? "blue"}>
      {stageLabel(stage, locale)}
      {sub ? ` · ${sub}` : ""}
    </Badge>
  );
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** An instant shown in Asia/Shanghai, whatever the server's or the browser's zone. */
export function formatInstant(iso: string, locale: Locale, withTime = true): string {
  const key = `${locale}-${withTime}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale === "en" ? "en-GB" : "zh-CN", {
      timeZone: "Asia/Shanghai",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      ...(withTime ? { hour: "2-digit", minute: "2-digit", hour12: false } : {}),
    });
    formatters.set(key, f);
  }
  return f.format(new Date(iso));
}

export function Instant({ iso, withTime = true }: { iso: string; withTime?: boolean }) {
  const locale = useLocale();
  return <time dateTime={iso}>{formatInstant(iso, locale, withTime)}</time>;
}
