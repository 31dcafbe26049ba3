import { vitePlugin as remix } from "@remix-run/dev";
import { defineConfig } from "vite";
import tsconfigPaths from "vite-tsconfig-paths";
import { i18nSplit } from "./scripts/vite-i18n-split";

declare module "@remix-run/node" {
  interface Future {
    v3_singleFetch: true;
  }
}

export default defineConfig({
  plugins: [
    remix({
      future: {
        v3_fetcherPersist: true,
        v3_relativeSplatPath: true,
        v3_throwAbortReason: true,
        v3_singleFetch: true,
        v3_lazyRouteDiscovery: true,
        v3_routeConfig: true,
      },
    }),
    tsconfigPaths(),
    i18nSplit(),
  ],
  // pdfkit finds its font metrics relative to its own files: bundling it breaks that lookup.
  ssr: { external: ["pdfkit", "@electric-sql/pglite", "postgres", "nodemailer"] },
  server: { host: "127.0.0.1" },
});
