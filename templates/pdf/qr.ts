import QRCode from "qrcode";

/**
 * The QR code of a verification URL as its module matrix, drawn as vector squares by base.ts.
 * Not a PNG: pdfkit splits a PNG's alpha channel asynchronously, which made the order of PDF
 * objects — and so the bytes — vary between two renders of the same document. Vector modules
 * are also sharper in print and smaller. Medium error correction survives a smudged printout.
 */
export interface QrMatrix {
  size: number;
  dark: (row: number, col: number) => boolean;
}

export function qrMatrix(url: string): QrMatrix {
  const { modules } = QRCode.create(url, { errorCorrectionLevel: "M" });
  return { size: modules.size, dark: (row, col) => Boolean(modules.get(row, col)) };
}

/** Draws the code in a `width` square at (x, y), with a one-module quiet zone inside it. */
export function drawQr(doc: PDFKit.PDFDocument, qr: QrMatrix, x: number, y: number, width: number): void {
  const m = width / (qr.size + 2);
  doc.save().rect(x, y, width, width).fill("#ffffff");
  for (let row = 0; row < qr.size; row++) {
    let col = 0;
    while (col < qr.size) {
      if (!qr.dark(row, col)) {
        col++;
        continue;
      }
      const start = col;
      while (col < qr.size && qr.dark(row, col)) col++;
      // Runs of dark modules as one rectangle; a hair of overlap avoids white seams in viewers.
      doc.rect(x + (start + 1) * m, y + (row + 1) * m, (col - start) * m + 0.05, m + 0.05);
    }
  }
  doc.fill("#000000").restore();
}
