import { RemixBrowser } from "@remix-run/react";
import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
import { provideEnglish } from "~/i18n";

// The browser build ships the Chinese messages only (scripts/vite-i18n-split.ts); an English page
// loads its messages before hydrating, so the first render matches the server's HTML.
const messages = document.documentElement.lang === "en" ? import("virtual:i18n-english").then((m) => provideEnglish(m.default)) : Promise.resolve();

void messages.then(() =>
  startTransition(() => {
    hydrateRoot(
      document,
      <StrictMode>
        <RemixBrowser />
      </StrictMode>,
    );
  }),
);
