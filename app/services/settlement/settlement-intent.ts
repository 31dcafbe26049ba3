// What a settlement page intent (`?intent=<name>`) answers, as on the acceptance page: a notice
// to show after the redirect, or the refused form's values and messages (catalogue keys) to show
// beside the fields. Each handler returns null for intents that are not its own.
import type { Db } from "#db/client";
import type { Locale } from "~/i18n";
import type { RequestInfo } from "~/lib/request-info.server";
import type { SessionUser } from "~/lib/session.server";
import type { IntentResult } from "~/services/acceptance/intent-result";
import type { SettlementAccess } from "./settlement-access.server";

export type SettlementIntentResult = IntentResult;

export interface SettlementIntentContext {
  request: Request;
  db: Db;
  user: SessionUser;
  access: SettlementAccess;
  info: RequestInfo;
  locale: Locale;
}
