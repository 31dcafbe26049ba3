// What an acceptance page intent (`?intent=<name>`) answers: a notice to show after the redirect,
// or the refused form's values and messages (catalogue keys) to show beside the fields.
import type { Db } from "#db/client";
import type { Locale } from "~/i18n";
import type { RequestInfo } from "~/lib/request-info.server";
import type { SessionUser } from "~/lib/session.server";
import type { AcceptanceAccess } from "./acceptance-access.server";

export type IntentResult =
  | { intent: string; ok: true; notice: string }            // notice = i18n key shown after redirect
  | { intent: string; ok: false; values: Record<string, unknown>; errors: Record<string, string>; formError?: string | null; formErrorText?: string[] };
export interface IntentContext { request: Request; db: Db; user: SessionUser; access: AcceptanceAccess; info: RequestInfo; locale: Locale }
