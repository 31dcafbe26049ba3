/**
 * A stored PDF sent to the browser to open (inline). The file name goes in RFC 5987 form so
 * Chinese survives; it was made safe when stored, and quotes/CR/LF are stripped again here.
 */
export function pdfResponse(bytes: Buffer, fileName: string): Response {
  const safe = fileName.replace(/[\u0000-\u001f\u007f"\\/]/g, "");
  // Old clients read only filename=: give them the ASCII part (the document number).
  const ascii = safe.replace(/[^\x20-\x7e]+/g, "").replace(/^[-_ .]+/, "") || "document.pdf";
  return new Response(new Uint8Array(bytes), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Length": String(bytes.length),
      "Content-Disposition": `inline; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(safe)}`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
