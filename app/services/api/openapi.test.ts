// Every /api/v1 route file is documented in the OpenAPI document (so integrators see all of it).
import { readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { openApiDocument } from "./openapi";

function pathOf(file: string): string {
  const name = file.replace(/\.ts$/, "").replace(/^api\.v1\./, "").replace(/\[\.\]/g, "\u0000");
  const segments = name.split(".").filter((s) => s !== "_index").map((s) => s.replace(/\u0000/g, ".").replace(/^\$(.+)$/, "{$1}"));
  return `/${segments.join("/")}`;
}

describe("OpenAPI coverage", () => {
  it("documents every /api/v1 route", () => {
    const routes = readdirSync(new URL("../../routes", import.meta.url)).filter((f) => f.startsWith("api.v1.") && !f.includes("openapi"));
    const documented = Object.keys(openApiDocument("http://localhost/api/v1").paths);
    const normalise = (p: string) => p.replace(/\{[^}]+\}/g, "{}");
    const missing = routes.map(pathOf).filter((p) => !documented.map(normalise).includes(normalise(p)));
    expect(missing).toEqual([]);
  });
});
