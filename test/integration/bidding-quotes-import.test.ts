// importQuoteLines: .xlsx (first sheet, Chinese or English header) and .csv (BOM, quotes), with
// row-level errors for wrong columns, formulas, bad numbers and an amount that does not add up.
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { translate } from "~/i18n";
import { importQuoteLines, type RowError } from "~/services/bidding/import-quote-lines.server";
import { rowErrorText } from "~/services/bidding/quote-fields";

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

export async function xlsx(rows: (string | number | { formula: string; result?: number } | null)[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet("报价");
  for (const r of rows) sheet.addRow(r);
  wb.addWorksheet("其他").addRow(["忽略"]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
const zh = (e: RowError) => rowErrorText((k, p) => translate("zh-CN", k, p), e);

describe("importQuoteLines", () => {
  it("reads a good .xlsx with a Chinese header, amounts to the fen", async () => {
    const bytes = await xlsx([["安装报价清单"], ["序号", "项目名称", "规格型号", "单位", "数量", "单价（元）", "金额（元）"], [1, "新风主机安装", "YD-XF500", "台", 6, 1890, 11340], [2, "镀锌风管", "δ=0.75mm", "m²", 820.5, 101.5, 83280.75], [3, "系统调试", "", "项", 1, "14600.00", null]]);
    const r = await importQuoteLines(bytes, XLSX);
    if (!("lines" in r)) throw new Error(JSON.stringify(r));
    expect(r.lines.map((l) => [l.item, l.quantity, l.unitPriceFen, l.amountFen])).toEqual([
      ["新风主机安装", "6", 189000, 1134000],
      ["镀锌风管", "820.5", 10150, 8328075],
      ["系统调试", "1", 1460000, 1460000],
    ]);
  });

  it("reads an English header too", async () => {
    const r = await importQuoteLines(await xlsx([["Item", "Spec", "Unit", "Quantity", "Unit price"], ["Duct", "0.75", "m2", "10.125", "3.33"]]), XLSX);
    if (!("lines" in r)) throw new Error(JSON.stringify(r));
    expect(r.lines[0]).toMatchObject({ quantity: "10.125", amountFen: 3372 }); // 10.125 × 333 = 3371.625 → 3372
  });

  it("names the expected columns when the header is wrong", async () => {
    const r = await importQuoteLines(await xlsx([["项目", "规格", "数量", "价格"], ["a", "b", 1, 2]]), XLSX);
    expect("rowErrors" in r && r.rowErrors.map(zh)).toEqual(["第 1 行：表头不符，缺少列：单位、单价。应有列：项目（名称）、规格（型号）、单位、数量、单价，金额可选"]);
    const none = await importQuoteLines(await xlsx([["a", "b"], ["c", "d"]]), XLSX);
    expect("rowErrors" in none && zh(none.rowErrors[0])).toMatch(/表头不符/);
  });

  it("refuses formulas, bad numbers and amount mismatches row by row, keeping nothing", async () => {
    const bytes = await xlsx([
      ["项目", "规格", "单位", "数量", "单价", "金额"],
      ["主机", "", "台", 2, 100, { formula: "D2*E2", result: 200 }],
      ["风管", "", "m", 0, 10, null],
      ["风口", "", "个", -3, 10, null],
      ["阀门", "", "个", 1, "1.234", null],
      ["调试", "", "项", "abc", "1e21", null],
      ["保温", "", "m", 3, 10, 31],
      ["好行", "", "m", 1, 1, 1],
    ]);
    const r = await importQuoteLines(bytes, XLSX);
    if (!("rowErrors" in r)) throw new Error("expected errors");
    expect(r.rowErrors.map(zh)).toEqual([
      "第 2 行：金额：不接受公式，请粘贴数值",
      "第 3 行：数量必须大于 0",
      "第 4 行：数量必须大于 0",
      "第 5 行：单价：请输入有效金额：非负数，最多两位小数",
      "第 6 行：请输入有效数量：正数，最多三位小数",
      "第 6 行：单价：请输入有效金额：非负数，最多两位小数",
      "第 7 行：金额与数量×单价不符（应为 ¥30.00）",
    ]);
  });

  it("reads CSV with a BOM, quoted fields and CRLF; refuses =formulas", async () => {
    const csv = '\uFEFF项目,规格,单位,数量,单价,金额\r\n"新风主机, 含吊装","YD ""500""",台,2,"1,890.00",3780\r\n\r\n风管,,m²,1.5,10,15\r\n';
    const r = await importQuoteLines(Buffer.from(csv, "utf8"), "text/csv");
    if (!("lines" in r)) throw new Error(JSON.stringify(r));
    expect(r.lines.map((l) => [l.item, l.spec, l.amountFen])).toEqual([["新风主机, 含吊装", 'YD "500"', 378000], ["风管", "", 1500]]);
    const bad = await importQuoteLines(Buffer.from("项目,单位,数量,单价\nA,台,=1+1,3\n", "utf8"), "text/csv");
    expect("rowErrors" in bad && bad.rowErrors.map(zh)).toEqual(["第 2 行：数量：不接受公式，请粘贴数值"]);
  });

  it("an unreadable .xlsx is one clear error", async () => {
    const r = await importQuoteLines(Buffer.from("PK\u0003\u0004garbage"), XLSX);
    expect("rowErrors" in r && r.rowErrors[0].message).toBe("bidding.import.unreadable");
  });
});
