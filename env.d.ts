/// <reference types="@remix-run/node" />
/// <reference types="vite/client" />

/** The English messages of the browser build (scripts/vite-i18n-split.ts). */
declare module "virtual:i18n-english" {
  const messages: Readonly<Record<string, string>>;
  export default messages;
}
