import QRCode from "qrcode";

/** A link as a QR code image (PNG data URL) for the customer to scan from the technician's phone. */
export function linkQrDataUrl(link: string): Promise<string> {
  return QRCode.toDataURL(link, { errorCorrectionLevel: "M", margin: 2, width: 240 });
}
