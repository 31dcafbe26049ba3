// zod must stay out of the JavaScript shipped to the browser (about 12 KB gzip on every form page).
// It slips in when a component imports a constant from a module that also builds a schema at its
// top level (`const x = z.object(...)`): Rollup has to keep that call, and zod with it. So no module
// the browser loads may import zod at all; the zod-free halves live in quote-fields.ts,
// milestone-rules.ts, project-form-fields.ts. Checked statically (no build): from every component,
// root.tsx, entry.client.tsx and the client part of every page route, follow the runtime imports.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(__dirname, "../..");
const APP = path.join(ROOT, "app");
const ALIASES: [string, string][] = [
  ["~/", "app/"],
  ["#db/", "db/"],
  ["#machines/", "machines/"],
  ["#templates/", "templates/"],
];
const FORBIDDEN = ["zod"];
/** Route exports Remix removes from the browser build (with whatever only they use). */
const SERVER_EXPORTS = new Set(["loader", "action", "headers"]);

function walkDir(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walkDir(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

function parse(file: string): ts.SourceFile {
  return ts.createSourceFile(file, fs.readFileSync(file, "utf8"), ts.ScriptTarget.ES2022, true, file.endsWith("x") ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
}

/** A project file for a local specifier, null for a package ("zod", "react"…). */
function resolve(from: string, specifier: string): string | null {
  const spec = specifier.replace(/\?.*$/, ""); // "~/tailwind.css?url"
  let base: string | null = null;
  if (spec.startsWith(".")) base = path.resolve(path.dirname(from), spec);
  for (const [alias, dir] of ALIASES) if (spec.startsWith(alias)) base = path.join(ROOT, dir, spec.slice(alias.length));
  if (!base) return null;
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, path.join(base, "index.ts"), path.join(base, "index.tsx")]) {
    if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return candidate;
  }
  throw new Error(`${path.relative(ROOT, from)}: cannot resolve "${spec}"`);
}

/** Runtime imports and re-exports of a statement (type-only ones are erased), with the local names they bind. */
function runtimeImport(stmt: ts.Statement): { spec: string; names: string[] | null } | null {
  if (ts.isImportDeclaration(stmt) && ts.isStringLiteral(stmt.moduleSpecifier)) {
    const clause = stmt.importClause;
    if (!clause) return { spec: stmt.moduleSpecifier.text, names: null }; // side-effect import
    if (clause.isTypeOnly) return null;
    const names: string[] = [];
    if (clause.name) names.push(clause.name.text);
    const bindings = clause.namedBindings;
    if (bindings && ts.isNamespaceImport(bindings)) names.push(bindings.name.text);
    if (bindings && ts.isNamedImports(bindings)) for (const el of bindings.elements) if (!el.isTypeOnly) names.push(el.name.text);
    return names.length ? { spec: stmt.moduleSpecifier.text, names } : null;
  }
  if (ts.isExportDeclaration(stmt) && stmt.moduleSpecifier && ts.isStringLiteral(stmt.moduleSpecifier) && !stmt.isTypeOnly) {
    if (stmt.exportClause && ts.isNamedExports(stmt.exportClause) && stmt.exportClause.elements.every((e) => e.isTypeOnly)) return null;
    return { spec: stmt.moduleSpecifier.text, names: null };
  }
  return null;
}

/** Identifiers a node uses at run time: types (`useActionData<typeof action>`) are erased. */
function identifiersIn(node: ts.Node, into = new Set<string>()): Set<string> {
  if (ts.isTypeNode(node) || ts.isTypeAliasDeclaration(node) || ts.isInterfaceDeclaration(node)) return into;
  if (ts.isIdentifier(node)) into.add(node.text);
  node.forEachChild((child) => void identifiersIn(child, into));
  return into;
}

function declaredNames(stmt: ts.Statement): string[] {
  if ((ts.isFunctionDeclaration(stmt) || ts.isClassDeclaration(stmt)) && stmt.name) return [stmt.name.text];
  if (ts.isVariableStatement(stmt)) return stmt.declarationList.declarations.flatMap((d) => [...identifiersIn(d.name)]);
  return [];
}

function isExported(stmt: ts.Statement): boolean {
  return !!ts.canHaveModifiers(stmt) && !!ts.getModifiers(stmt)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
}

/**
 * The specifiers a route module still imports in the browser build: Remix drops loader, action and
 * headers, then every top-level declaration and import nothing left refers to.
 */
function clientImportsOfRoute(file: string): string[] {
  const source = parse(file);
  const imports: { spec: string; names: string[] | null }[] = [];
  const declarations: { names: string[]; refs: Set<string>; root: boolean; server: boolean }[] = [];
  for (const stmt of source.statements) {
    const imp = runtimeImport(stmt);
    if (imp) {
      imports.push(imp);
      continue;
    }
    if (ts.isImportDeclaration(stmt) || ts.isTypeAliasDeclaration(stmt) || ts.isInterfaceDeclaration(stmt) || ts.isModuleDeclaration(stmt)) continue;
    const names = declaredNames(stmt);
    const server = isExported(stmt) && names.length > 0 && names.every((n) => SERVER_EXPORTS.has(n));
    const root = !server && (isExported(stmt) || names.length === 0); // kept exports, `export default`, bare statements
    declarations.push({ names, refs: identifiersIn(stmt), root, server });
  }
  const live = new Set<string>();
  const queue = declarations.filter((d) => d.root);
  const seen = new Set([...queue, ...declarations.filter((d) => d.server)]);
  while (queue.length) {
    const d = queue.pop()!;
    for (const ref of d.refs) {
      if (live.has(ref)) continue;
      live.add(ref);
      for (const other of declarations) if (!seen.has(other) && other.names.includes(ref)) (seen.add(other), queue.push(other));
    }
  }
  return imports.filter((i) => i.names === null || i.names.some((n) => live.has(n))).map((i) => i.spec);
}

function allImportsOf(file: string): string[] {
  return parse(file)
    .statements.map(runtimeImport)
    .filter((i): i is NonNullable<typeof i> => !!i)
    .map((i) => i.spec);
}

/** Every forbidden package the entry reaches, with the chain of files that leads to it. */
function forbiddenFrom(entry: string, firstImports: string[]): string[] {
  const found: string[] = [];
  const seen = new Set<string>([entry]);
  const queue: { file: string; specs: string[]; chain: string[] }[] = [{ file: entry, specs: firstImports, chain: [path.relative(ROOT, entry)] }];
  while (queue.length) {
    const { file, specs, chain } = queue.shift()!;
    for (const spec of specs) {
      if (FORBIDDEN.some((f) => spec === f || spec.startsWith(`${f}/`))) {
        found.push([...chain, spec].join(" → "));
        continue;
      }
      const target = resolve(file, spec);
      if (!target || seen.has(target) || /\.server\.tsx?$/.test(target) || !/\.tsx?$/.test(target)) continue;
      seen.add(target);
      queue.push({ file: target, specs: allImportsOf(target), chain: [...chain, path.relative(ROOT, target)] });
    }
  }
  return found;
}

const isSource = (f: string) => /\.tsx?$/.test(f) && !/\.(test|server)\.tsx?$/.test(f) && !f.endsWith(".d.ts");

describe("the browser bundle", () => {
  it("no component, root or page route reaches zod through its runtime imports", () => {
    const components = walkDir(path.join(APP, "components")).filter(isSource);
    const pageRoutes = walkDir(path.join(APP, "routes")).filter((f) => f.endsWith(".tsx") && isSource(f));
    expect(components.length).toBeGreaterThan(10);
    expect(pageRoutes.length).toBeGreaterThan(10);

    const found = [
      ...[...components, path.join(APP, "root.tsx"), path.join(APP, "entry.client.tsx")].flatMap((f) => forbiddenFrom(f, allImportsOf(f))),
      ...pageRoutes.flatMap((f) => forbiddenFrom(f, clientImportsOfRoute(f))),
    ];
    expect(found, "move what the browser needs into a zod-free module (see quote-fields.ts)").toEqual([]);
  });

  it("the route analysis keeps an import the page uses and drops one only the action uses", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "client-bundle-"));
    try {
      const file = path.join(dir, "route.tsx");
      fs.writeFileSync(
        file,
        [
          'import { z } from "zod";',
          'import { parseForm } from "~/lib/forms";',
          'import type { FieldErrors } from "~/lib/forms";',
          'import { useActionData, useLoaderData } from "@remix-run/react";',
          'import { shown } from "./shown";',
          "const schema = z.object({});",
          "export async function action() { return parseForm(schema, new FormData()); }",
          "export async function loader() { return null; }",
          "const label = () => shown;",
          "export default function Page() { useLoaderData<typeof loader>(); useActionData<typeof action>(); return label(); }",
        ].join("\n"),
      );
      expect(clientImportsOfRoute(file)).toEqual(["@remix-run/react", "./shown"]);
      expect(forbiddenFrom(file, ["zod"])).toHaveLength(1);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
