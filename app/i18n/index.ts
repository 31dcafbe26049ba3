import { catalogue } from "./catalogue";

export const LOCALES = ["zh-CN", "en"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "zh-CN";

export type MessageKey = keyof typeof catalogue;
export type MessageParams = Record<string, string | number>;

export function isLocale(value: unknown): value is Locale {
  return value === "zh-CN" || value === "en";
}

export function isMessageKey(value: string): value is MessageKey {
  return Object.prototype.hasOwnProperty.call(catalogue, value);
}

/** Looks up a message; an unknown key is shown as itself so a missing entry is visible, not blank. */
export function translate(locale: Locale, key: MessageKey | string, params?: MessageParams): string {
  const entry = (catalogue as Record<string, readonly [string, string] | string>)[key];
  // A string entry is the browser build's Chinese-only catalogue; English then comes from the
  // table entry.client.tsx loads before hydrating an English page (Chinese if it is missing).
  const text = entry === undefined ? key : typeof entry === "string" ? (locale === "en" ? (english?.[key] ?? entry) : entry) : entry[locale === "en" ? 1 : 0];
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}

let english: Readonly<Record<string, string>> | undefined;

/** The browser's English messages (see catalogue.ts); set once, before hydration. */
export function provideEnglish(table: Readonly<Record<string, string>>): void {
  english = table;
}

export type Translate = (key: MessageKey | string, params?: MessageParams) => string;

export function translator(locale: Locale): Translate {
  return (key, params) => translate(locale, key, params);
}
