/**
 * One simple layout for every e-mail: a table-based HTML body with inline styles (mail clients
 * ignore <style> blocks and most CSS) and a plain-text twin. Every interpolated value is escaped.
 */

const HTML_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]);
}

/** Only http(s) links become buttons: a `javascript:` or `data:` URL is never put in an href. */
export function safeUrl(url: string): string | null {
  try {
    const parsed = new URL(url);
    return parsed.protocol === "http:" || parsed.protocol === "https:" ? parsed.toString() : null;
  } catch {
    return null;
  }
}

export interface EmailContent {
  title: string;
  paragraphs: string[];
  action?: { label: string; url: string };
  footer?: string;
}

const FONT =
  "-apple-system,BlinkMacSystemFont,'Segoe UI','PingFang SC','Hiragino Sans GB','Microsoft YaHei','Noto Sans CJK SC','Noto Sans SC','Source Han Sans SC',sans-serif";

const DEFAULT_FOOTER = "此邮件由工程安装售后系统自动发送，请勿直接回复。 / This message was sent automatically; please do not reply.";

export function renderEmail(content: EmailContent): { html: string; text: string } {
  const footer = content.footer ?? DEFAULT_FOOTER;
  const url = content.action ? safeUrl(content.action.url) : null;
  const paragraphs = content.paragraphs
    .map((p) => `<p style="margin:0 0 14px;line-height:1.7;">${escapeHtml(p).replace(/\r?\n/g, "<br>")}</p>`)
    .join("\n");
  const button =
    content.action && url
      ? `<p style="margin:22px 0;"><a href="${escapeHtml(url)}" style="display:inline-block;padding:10px 20px;background:#1d4ed8;color:#ffffff;text-decoration:none;border-radius:6px;font-weight:600;">${escapeHtml(content.action.label)}</a></p>
<p style="margin:0 0 14px;font-size:12px;color:#6b7280;word-break:break-all;">${escapeHtml(url)}</p>`
      : "";
  const html = `<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeHtml(content.title)}</title></head>
<body style="margin:0;padding:0;background:#f3f4f6;">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="background:#f3f4f6;padding:24px 0;"><tr><td align="center">
<table role="presentation" width="600" cellpadding="0" cellspacing="0" style="max-width:600px;width:100%;background:#ffffff;border-radius:8px;font-family:${FONT};font-size:15px;color:#111827;">
<tr><td style="padding:24px 28px 8px;"><h1 style="margin:0 0 16px;font-size:20px;line-height:1.4;">${escapeHtml(content.title)}</h1>
${paragraphs}
${button}
</td></tr>
<tr><td style="padding:12px 28px 22px;border-top:1px solid #e5e7eb;font-size:12px;color:#6b7280;line-height:1.6;">${escapeHtml(footer)}</td></tr>
</table></td></tr></table>
</body></html>`;
  const lines = [content.title, "", ...content.paragraphs.flatMap((p) => [p, ""])];
  if (content.action && url) lines.push(`${content.action.label}: ${url}`, "");
  lines.push("--", footer);
  return { html, text: lines.join("\n") };
}
