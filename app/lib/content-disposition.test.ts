import { describe, expect, it } from "vitest";
import { contentDisposition, isInlineType, safeHeaderName } from "./content-disposition";

describe("contentDisposition", () => {
  it("keeps a Chinese name exactly in filename* and gives an ASCII fallback", () => {
    const header = contentDisposition("营业执照 2026.pdf", true);
    expect(header).toBe(`inline; filename="____ 2026.pdf"; filename*=UTF-8''%E8%90%A5%E4%B8%9A%E6%89%A7%E7%85%A7%202026.pdf`);
    expect(decodeURIComponent(header.split("UTF-8''")[1])).toBe("营业执照 2026.pdf");
  });

  it("uses attachment for downloads", () => {
    expect(contentDisposition("a.pdf", false)).toMatch(/^attachment; filename="a.pdf"; filename\*=UTF-8''a.pdf$/);
  });

  it("cannot be broken out of by quotes, semicolons or CRLF", () => {
    const header = contentDisposition('evil"; filename="x.html\r\nSet-Cookie: a=b.pdf', true);
    expect(header).not.toMatch(/[\r\n]/);
    const [, fallback] = /filename="([^"]*)"/.exec(header)!;
    expect(fallback).not.toContain('"');
    // Exactly two parameters: the quoted fallback cannot end early, the encoded one has no separators.
    expect(header).toMatch(/^inline; filename="[^"\\]*"; filename\*=UTF-8''[A-Za-z0-9%\-._~]+$/);
    expect(() => new Headers({ "Content-Disposition": header })).not.toThrow();
  });

  it("percent-encodes characters RFC 5987 does not allow unescaped", () => {
    const header = contentDisposition("报价(终稿)'s!.pdf", false);
    const encoded = header.split("UTF-8''")[1];
    expect(encoded).toMatch(/^[A-Za-z0-9%\-._~]+$/);
    expect(decodeURIComponent(encoded)).toBe("报价(终稿)'s!.pdf");
  });

  it("drops paths, bidi overrides and leading dots; falls back to 'file'", () => {
    expect(safeHeaderName("C:\\temp\\..\\合同.pdf")).toBe("合同.pdf");
    expect(safeHeaderName("../../etc/passwd")).toBe("passwd");
    expect(safeHeaderName("invoice\u202Efdp.exe")).toBe("invoicefdp.exe");
    expect(safeHeaderName("...")).toBe("file");
    expect(contentDisposition("\r\n", true)).toBe(`inline; filename="file"; filename*=UTF-8''file`);
  });

  it("shows only PDFs and images inline", () => {
    expect(isInlineType("application/pdf")).toBe(true);
    expect(isInlineType("image/png")).toBe(true);
    expect(isInlineType("text/html")).toBe(false);
    expect(isInlineType("image/svg+xml")).toBe(false);
  });
});
