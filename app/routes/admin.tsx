import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { NavLink, Outlet } from "@remix-run/react";
import { RouteErrorBoundary } from "~/components/route-error-boundary";
import { useT } from "~/i18n/use-t";
import { requireAdmin } from "~/services/admin/require-admin.server";

export const meta: MetaFunction = () => [{ title: "系统管理 · 工程安装售后管理" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  return null;
}

const SECTIONS = [
  { to: "/admin", key: "admin.nav.home", end: true },
  { to: "/admin/users", key: "nav.users", end: false },
  { to: "/admin/companies", key: "nav.companies", end: false },
  { to: "/admin/mail", key: "nav.mail", end: false },
  { to: "/admin/tokens", key: "nav.tokens", end: false },
];

export default function AdminLayout() {
  const t = useT();
  return (
    <div>
      <nav aria-label="admin" className="-mx-3 mb-5 flex gap-1 overflow-x-auto border-b border-slate-200 px-3 sm:mx-0 sm:px-0">
        {SECTIONS.map((s) => (
          <NavLink
            key={s.to}
            to={s.to}
            end={s.end}
            className={({ isActive }) =>
              `-mb-px whitespace-nowrap border-b-2 px-3 py-2 text-sm font-medium ${
                isActive ? "border-brand-600 text-brand-700" : "border-transparent text-slate-600 hover:text-slate-900"
              }`
            }
          >
            {t(s.key)}
          </NavLink>
        ))}
      </nav>
      <Outlet />
    </div>
  );
}

export function ErrorBoundary() {
  return <RouteErrorBoundary />;
}
