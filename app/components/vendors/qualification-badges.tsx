import { Badge } from "~/components/ui/layout";
import { useT } from "~/i18n/use-t";
import type { QualificationSummary } from "~/services/vendors/qualification-status.server";
import type { VendorQualification } from "~/services/vendors/get-vendor.server";

/** The list's qualification column: green when complete, else each problem as its own badge. */
export function QualificationSummaryBadges({ summary }: { summary: QualificationSummary }) {
  const t = useT();
  const names = (kinds: string[]) => kinds.map((k) => t(`vendors.kind.${k}`)).join("、");
  if (summary.level === "ok") return <Badge tone="green">{t("vendors.qual.ok")}</Badge>;
  return (
    <span className="flex flex-wrap gap-1">
      {summary.missing.length ? <Badge tone="red">{t("vendors.qual.missing", { kinds: names(summary.missing) })}</Badge> : null}
      {summary.expired.length ? <Badge tone="red">{t("vendors.qual.expired", { kinds: names(summary.expired) })}</Badge> : null}
      {summary.expiring.length ? (
        <span title={names(summary.expiring)}>
          <Badge tone="amber">{t("vendors.qual.expiring", { count: summary.expiring.length })}</Badge>
        </span>
      ) : null}
    </span>
  );
}

/** One qualification's expiry: red when expired, amber within 30 days, with the days left. */
export function ExpiryBadge({ q }: { q: Pick<VendorQualification, "state" | "daysLeft"> }) {
  const t = useT();
  switch (q.state) {
    case "noExpiry":
      return <Badge tone="green">{t("vendors.qual.noExpiry")}</Badge>;
    case "expired":
      return <Badge tone="red">{t("vendors.qual.expiredDays", { days: -(q.daysLeft ?? 0) })}</Badge>;
    case "expiring":
      return <Badge tone="amber">{q.daysLeft === 0 ? t("vendors.qual.expiresToday") : t("vendors.qual.daysLeft", { days: q.daysLeft ?? 0 })}</Badge>;
    default:
      return <Badge tone="green">{t("vendors.qual.daysLeft", { days: q.daysLeft ?? 0 })}</Badge>;
  }
}
