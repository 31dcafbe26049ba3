import type { Db } from "#db/client";
import { fenToInput } from "~/lib/money";
import type { SessionUser } from "~/lib/session.server";
import { getVendor } from "./get-vendor.server";
import type { VendorListItem } from "./list-vendors.server";
import { getVendorHistory } from "./vendor-history.server";

/** A list row as the API shows it (the same figures as the /vendors page). */
export function vendorListItemJson(v: VendorListItem) {
  return {
    id: v.id,
    name: v.name,
    creditCode: v.creditCode,
    phone: v.phone,
    address: v.address,
    qualificationStatus: v.qualifications,
    quoteCount: v.quoteCount,
    awardCount: v.awardCount,
    projectCount: v.projectCount,
    lastQuoteAt: v.lastQuoteAt,
    url: `/api/v1/vendors/${v.id}`,
  };
}

/** One company with qualifications, contacts and the history this user may see; null if none. */
export async function vendorDetailJson(db: Db, user: SessionUser, vendorId: string, today: string) {
  const vendor = await getVendor(db, vendorId, today);
  if (!vendor) return null;
  const history = await getVendorHistory(db, user, vendor.company.id, today);
  return {
    ...vendorListItemJson(vendor.summary),
    qualifications: vendor.qualifications.map(({ kind, current }) => ({
      kind,
      current: current && {
        id: current.id,
        number: current.number,
        expiresOn: current.expiresOn,
        state: current.state,
        daysLeft: current.daysLeft,
        file: current.file && { ...current.file, url: `/files/${current.file.id}` },
        updatedAt: current.updatedAt,
      },
    })),
    contacts: vendor.contacts,
    history: {
      quotes: history.quotes.map((q) => ({ ...q, latestTotal: fenToInput(q.latestTotalFen) })),
      awards: history.awards,
      contracts: history.contracts.map((c) => ({ ...c, amount: fenToInput(c.amountFen) })),
    },
  };
}
