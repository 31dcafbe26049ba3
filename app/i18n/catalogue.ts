import { common } from "./messages/common";
import { areaMessages } from "./messages/areas";

/**
 * Every message as `key → [中文, English]`. This is what the server uses. The browser build gets
 * a different module in its place (scripts/vite-i18n-split.ts): the Chinese strings only, with
 * the English ones in a separate chunk loaded just for readers who chose English — half the
 * catalogue is never shipped to a page that does not show it.
 */
export const catalogue = { ...common, ...areaMessages } as const;
