import path from "node:path";
import type { Plugin } from "vite";
import { catalogue } from "../app/i18n/catalogue";

const ENGLISH = "virtual:i18n-english";

/**
 * The message catalogue holds both languages (`key → [中文, English]`), and every page's browser
 * JavaScript used to carry all of it (~20 KB gzip of the language the reader does not use).
 * In the browser build, app/i18n/catalogue.ts becomes `key → 中文`, and `virtual:i18n-english`
 * (`key → English`) is a chunk of its own that entry.client.tsx loads only for English pages.
 * The server build and `vite dev` keep the full catalogue. The catalogue is read when Vite loads
 * its config, i.e. at every build.
 */
export function i18nSplit(): Plugin {
  const catalogueFile = path.resolve("app/i18n/catalogue.ts");
  const pick = (i: 0 | 1) => Object.fromEntries(Object.entries(catalogue).map(([key, pair]) => [key, pair[i]]));
  let build = false;
  return {
    name: "i18n-split",
    configResolved(config) {
      build = config.command === "build";
    },
    resolveId(id) {
      return id === ENGLISH ? `\0${ENGLISH}` : undefined;
    },
    load(id, options) {
      if (id === `\0${ENGLISH}`) return `export default ${JSON.stringify(pick(1))};`;
      if (build && !options?.ssr && path.resolve(id) === catalogueFile) return `export const catalogue = ${JSON.stringify(pick(0))};`;
      return undefined;
    },
  };
}
