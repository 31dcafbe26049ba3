import type { ComparisonCompany, ComparisonData, ComparisonLine } from "~/services/bidding/comparison-types";
import { lineAmountFen, spreadPercent } from "~/lib/quote-math";

const NAMES = ["广州喆堃机电安装工程有限公司", "深圳赟昇暖通工程有限公司", "佛山峯犇空调设备安装有限公司", "<script>alert(1)</script> 测试安装公司", "东莞市长城环境科技工程有限公司", "中山市第六安装公司", "珠海七号工程有限公司"];
const ITEMS = ["多联机室外机", "风管式室内机", "新风换气机", "铜管", "冷凝水管", "保温材料", "风管及风口", "电源线缆", "控制线", "吊装"];

/**
 * A comparison with `companies` companies × `lines` lines, rare CJK and markup in the names, one
 * company with two revisions, the lowest marked per line, and optionally a recommendation and an
 * award to a company that was not recommended.
 */
export function comparisonFixture({ companies = 5, lines = 30, decided = true, invalid = false }: { companies?: number; lines?: number; decided?: boolean; invalid?: boolean } = {}): ComparisonData {
  const vendorIds = Array.from({ length: companies }, (_, i) => `00000000-0000-4000-8000-00000000000${i + 1}`);
  const rows: ComparisonLine[] = Array.from({ length: lines }, (_, l) => {
    const cells: ComparisonLine["cells"] = {};
    vendorIds.forEach((id, v) => {
      if (v === 2 && l % 7 === 3) return; // one company did not quote some items
      const quantityMilli = (l % 5 === 0 ? 12_500 : (l + 1) * 1000) + (v === 1 && l === 4 ? 1000 : 0);
      const unitPriceFen = 10_000 + ((l * 37 + v * 53) % 97) * 137 + v * 11;
      cells[id] = { quantityMilli, unitPriceFen, amountFen: lineAmountFen(quantityMilli, unitPriceFen) };
    });
    const min = Math.min(...Object.values(cells).map((c) => c.unitPriceFen));
    return {
      item: `${ITEMS[l % ITEMS.length]}${l >= ITEMS.length ? `（${Math.floor(l / ITEMS.length) + 1}区）` : ""}`,
      spec: l % 3 === 0 ? `规格 ${l + 1}：DN${20 + l}，含支吊架、防火封堵及调试` : "",
      unit: l % 4 === 0 ? "台" : "米",
      cells,
      lowestVendorIds: Object.entries(cells).filter(([, c]) => c.unitPriceFen === min).map(([id]) => id),
    };
  });
  const totals = vendorIds.map((id) => rows.reduce((s, r) => s + (r.cells[id]?.amountFen ?? 0), 0));
  const lowest = Math.min(...totals);
  const list: ComparisonCompany[] = vendorIds.map((id, v) => ({
    vendorId: id,
    vendorName: NAMES[v % NAMES.length],
    quoteId: `10000000-0000-4000-8000-00000000000${v + 1}`,
    revision: v === 0 ? 2 : 1,
    history: v === 0 ? [{ revision: 1, totalFen: totals[v] + 1_234_56, submittedAt: "2026-03-01T02:00:00.000Z" }] : [],
    totalFen: totals[v],
    spreadPercent: spreadPercent(totals[v], lowest),
    isLowest: totals[v] === lowest,
    valid: !(invalid && v === companies - 1),
    invalidReasons: invalid && v === companies - 1 ? ["bidding.comparison.invalid.expired"] : [],
    terms: {
      contractingMethod: v % 2 ? "包工包料" : "包工不包料（主材甲供）",
      scope: "按确认图纸施工：室内外机安装、冷媒管路、冷凝水、电气接线及系统调试，含高空作业措施",
      durationDays: 30 + v * 5,
      requirements: "持证上岗，遵守现场安全文明施工规定",
      paymentTerms: "进场付 30%，验收合格付 65%，质保金 5% 保修期满后付清",
      maintenanceTerms: `保修 ${1 + (v % 2)} 年，4 小时响应`,
      validUntil: "2099-12-31",
    },
    submittedAt: "2026-03-05T06:30:00.000Z",
    source: "paper",
  }));
  const winner = list[1];
  return {
    project: { id: "20000000-0000-4000-8000-000000000001", code: "PRJ-2026-0042", name: "喆堃大厦新风及空调安装工程", clientName: "赟昇置业（广州）有限公司", siteAddress: "广州市天河区珠江新城峯犇路 8 号", pmName: "王晓东" },
    companies: list,
    lines: rows,
    recommendation: { vendorId: list[0].vendorId, vendorName: list[0].vendorName, reason: "报价合理，施工经验丰富，售后响应快", by: "王晓东", at: "2026-03-06T03:00:00.000Z" },
    decision: decided ? { kind: "award", vendorId: winner.vendorId, vendorName: winner.vendorName, reason: "该单位质保期更长，综合成本更低", by: "陈国强", at: "2026-03-07T08:00:00.000Z" } : null,
    validCompanyCount: list.filter((c) => c.valid).length,
    generatedAt: "2026-03-08T00:00:00.000Z",
  };
}
