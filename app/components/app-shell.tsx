import { Form, NavLink, useLocation } from "@remix-run/react";
import type { ReactNode } from "react";
import type { Role } from "#db/schema";
import { useT } from "~/i18n/use-t";

interface ShellUser {
  name: string;
  email: string;
  roles: Role[];
  role: Role | null;
}

const STAFF_PROJECT_ROLES: Role[] = ["pm", "management", "finance", "service", "admin", "supervisor", "client", "designer", "vendor"];

/** Who sees the installation companies (their qualifications, quotes and awards). */
const VENDOR_VIEW_ROLES: Role[] = ["pm", "management", "admin", "finance"];

/** Who works the service tickets every day (a pm reaches their own from the project pages). */
const SERVICE_VIEW_ROLES: Role[] = ["service", "management"];

/** Who reaches the finance inbox (the same roles the inbox itself admits). */
const FINANCE_VIEW_ROLES: Role[] = ["finance", "management", "admin"];

function navItems(roles: Role[]) {
  const items: { to: string; key: string }[] = [{ to: "/", key: "nav.home" }];
  if (roles.some((r) => STAFF_PROJECT_ROLES.includes(r))) items.push({ to: "/projects", key: "nav.projects" });
  if (roles.some((r) => VENDOR_VIEW_ROLES.includes(r))) items.push({ to: "/vendors", key: "nav.vendors" });
  if (roles.some((r) => SERVICE_VIEW_ROLES.includes(r))) items.push({ to: "/service/tickets", key: "serviceTickets.nav" });
  if (roles.some((r) => FINANCE_VIEW_ROLES.includes(r))) items.push({ to: "/finance", key: "finance.nav" });
  if (roles.some((r) => r === "service" || r === "management" || r === "admin")) items.push({ to: "/service/reports", key: "serviceSurvey.reports.nav" });
  if (roles.includes("admin")) items.push({ to: "/admin", key: "nav.admin" });
  return items;
}

/** The frame of every signed-in page: areas on the left (a top bar on a phone), who you are on the right. */
export function AppShell({ user, children }: { user: ShellUser; children: ReactNode }) {
  const t = useT();
  const location = useLocation();
  const items = navItems(user.roles);
  const back = location.pathname + location.search;
  return (
    <div className="min-h-screen">
      <header className="sticky top-0 z-20 border-b border-slate-200 bg-white/95 backdrop-blur">
        <div className="mx-auto flex max-w-7xl items-center gap-4 px-3 py-2 sm:px-6">
          <NavLink to="/" className="flex shrink-0 items-center gap-2 font-semibold text-brand-700">
            <span className="grid h-8 w-8 place-items-center rounded-md bg-brand-600 text-sm text-white">安</span>
            <span className="hidden sm:inline">{t("app.name")}</span>
          </NavLink>
          <nav className="flex min-w-0 flex-1 gap-1 overflow-x-auto" aria-label="main">
            {items.map((item) => (
              <NavLink
                key={item.to}
                to={item.to}
                end={item.to === "/"}
                className={({ isActive }) =>
                  `whitespace-nowrap rounded-md px-3 py-1.5 text-sm font-medium ${isActive ? "bg-brand-50 text-brand-700" : "text-slate-600 hover:bg-slate-100"}`
                }
              >
                {t(item.key)}
              </NavLink>
            ))}
          </nav>
          <div className="flex shrink-0 items-center gap-2 text-sm">
            <span className="hidden text-right leading-tight md:block" data-testid="current-user">
              <span className="block font-medium text-slate-800">{user.name}</span>
              <span className="block text-xs text-slate-500">{user.roles.map((r) => t(`role.${r}`)).join(" · ")}</span>
            </span>
            {/* A full page load: the browser then fetches the other language's messages before rendering. */}
            <Form method="post" action="/lang" reloadDocument>
              <input type="hidden" name="redirectTo" value={back} />
              <button type="submit" className="rounded-md px-2 py-1.5 text-slate-600 hover:bg-slate-100">{t("nav.language")}</button>
            </Form>
            <Form method="post" action="/logout">
              <button type="submit" className="rounded-md px-2 py-1.5 text-slate-600 hover:bg-slate-100">{t("nav.logout")}</button>
            </Form>
          </div>
        </div>
      </header>
      <main className="mx-auto max-w-7xl px-3 py-5 sm:px-6 sm:py-8">{children}</main>
    </div>
  );
}
