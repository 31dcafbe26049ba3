import { common } from "./messages/common";
import { areaMessages } from "./messages/areas";

export const LOCALES = ["zh-CN", "en"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "zh-CN";

const catalogue = { ...common, ...areaMessages } as const;
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
  const entry = (catalogue as Record<string, readonly [string, string]>)[key];
  const text = entry ? entry[locale === "en" ? 1 : 0] : key;
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}

export type Translate = (key: MessageKey | string, params?: MessageParams) => string;

export function translator(locale: Locale): Translate {
  return (key, params) => translate(locale, key, params);
}
