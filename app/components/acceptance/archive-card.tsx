// 竣工资料归档: the archive ZIP download and the pm's 归档 button, with the machine's refusals.
import { Form, useNavigation } from "@remix-run/react";
import { Alert, Badge, Card } from "~/components/ui/layout";
import { useT } from "~/i18n/use-t";
import type { IntentResult } from "~/services/acceptance/intent-result";

export interface ArchiveCardProps {
  stage: string;
  archived: boolean;
  canArchive: boolean;
  /** Null for users who may not download the archive (it holds the bid comparison's prices). */
  downloadHref: string | null;
  result?: IntentResult;
}

const ACCEPTED_STAGES = new Set(["handover", "closed"]);

export function ArchiveCard({ stage, archived, canArchive, downloadHref, result }: ArchiveCardProps) {
  const t = useT();
  const navigation = useNavigation();
  const busy = navigation.state === "submitting" && !!navigation.formAction?.includes("intent=archive") && !navigation.formAction.includes("intent=archiveUpload");
  const failure = result && !result.ok && result.intent === "archive" ? result : null;
  const messages = failure?.formErrorText?.length ? failure.formErrorText : failure?.formError ? [t(failure.formError)] : [];
  const available = ACCEPTED_STAGES.has(stage);
  return (
    <Card
      title={t("acceptanceArchive.card.title")}
      actions={available ? <Badge tone={archived ? "green" : "amber"}>{archived ? t("acceptanceArchive.card.archived") : t("acceptanceArchive.card.pending")}</Badge> : null}
    >
      <p className="mb-3 text-sm text-slate-600">{t("acceptanceArchive.card.intro")}</p>
      {!available ? (
        <p className="rounded-md bg-slate-50 px-3 py-2 text-sm text-slate-600">{t("acceptanceArchive.card.notYet")}</p>
      ) : (
        <>
          {messages.length ? (
            <div className="mb-3">
              <Alert tone="red">
                <ul className="list-inside list-disc">
                  {messages.map((m, i) => (
                    <li key={i}>{m}</li>
                  ))}
                </ul>
              </Alert>
            </div>
          ) : null}
          <div className="flex flex-col gap-2 sm:flex-row sm:flex-wrap">
            {/* A plain link: the browser downloads the ZIP itself (no client-side navigation). */}
            {downloadHref ? (
              <a href={downloadHref} download className="btn-secondary min-h-11">
                {t("acceptanceArchive.card.download")}
              </a>
            ) : null}
            {!archived && canArchive ? (
              <Form method="post" action="?intent=archive" preventScrollReset>
                <button
                  type="submit"
                  className="btn-primary min-h-11 w-full sm:w-auto"
                  disabled={busy}
                  onClick={(e) => {
                    if (!window.confirm(t("acceptanceArchive.card.confirm"))) e.preventDefault();
                  }}
                >
                  {t("acceptanceArchive.card.archive")}
                </button>
              </Form>
            ) : null}
          </div>
          {!archived && !canArchive && stage === "handover" ? <p className="mt-2 text-xs text-slate-500">{t("acceptanceArchive.card.onlyPm")}</p> : null}
        </>
      )}
    </Card>
  );
}
