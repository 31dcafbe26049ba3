// The calendar invitation (RFC 5545 iCalendar, iTIP METHOD:REQUEST/CANCEL) mailed with the
// acceptance request, so the meeting lands in the parties' calendars. Pure: no I/O, no clock.
import type { EmailAttachmentRef } from "#db/schema/outbox";
import { addDays, isValidDate } from "~/lib/calendar";

export type InviteMethod = "REQUEST" | "CANCEL";

export interface InviteParty {
  name: string;
  email: string;
}

export interface AcceptanceInviteInput {
  /** Stable per project (and acceptance plan): an update or cancellation must reuse it. */
  uid: string;
  /** Bumped on every re-send (revision, cancellation) so calendars replace the old one. */
  sequence: number;
  projectCode: string;
  projectName: string;
  siteAddress: string;
  /** YYYY-MM-DD, Asia/Shanghai. */
  date: string;
  /** HH:MM, Asia/Shanghai. */
  startTime: string;
  durationMinutes?: number;
  /** Where the parties meet; the site address when empty. */
  place: string;
  organizer: InviteParty;
  attendees: (InviteParty & { role?: "REQ-PARTICIPANT" | "OPT-PARTICIPANT" })[];
  description: string;
  now: Date;
  method?: InviteMethod;
}

const CRLF = "\r\n";
const MAX_OCTETS = 75;
const TZID = "Asia/Shanghai";
const DEFAULT_DURATION_MINUTES = 180;
const TIME_RE = /^([01]\d|2[0-3]):([0-5]\d)$/;
// Deliberately strict: an address that could carry ':' ';' ',' quotes or whitespace into the
// property line is refused rather than "cleaned" into somebody else's address.
const EMAIL_RE = /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$/;

/** Control characters RFC 5545 does not allow in values (HTAB is allowed). */
// eslint-disable-next-line no-control-regex
const CTL_RE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;

/** TEXT value escaping (RFC 5545 3.3.11): backslash, semicolon, comma, and line breaks as \n. */
export function escapeText(value: string): string {
  return value
    .replace(/\r\n|\r|\n/g, "\n")
    .replace(CTL_RE, "")
    .replace(/\\/g, "\\\\")
    .replace(/;/g, "\\;")
    .replace(/,/g, "\\,")
    .replace(/\n/g, "\\n");
}

/**
 * A parameter value (CN=…): parameters have no escaping, so CR, LF, other controls and double
 * quotes are removed (they could end the parameter or the line), and the value is quoted when
 * it holds ':' ';' or ',' which would otherwise end it.
 */
export function paramValue(value: string): string {
  const clean = value.replace(/[\r\n"]/g, " ").replace(CTL_RE, "").replace(/\s+/g, " ").trim();
  return /[:;,]/.test(clean) ? `"${clean}"` : clean;
}

function mailto(email: string): string {
  const address = email.trim();
  if (!EMAIL_RE.test(address)) throw new RangeError(`not an e-mail address usable in an invitation: ${JSON.stringify(email)}`);
  return `mailto:${address}`;
}

/** Octets of one code point in UTF-8. */
function utf8Octets(ch: string): number {
  const cp = ch.codePointAt(0) ?? 0;
  return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
}

/**
 * Folds one content line at 75 octets (RFC 5545 3.1): continuation lines start with a space, and
 * a UTF-8 character is never split (Chinese characters are 3 octets, some 4).
 */
export function foldLine(line: string): string {
  const out: string[] = [];
  let current = "";
  let octets = 0;
  for (const ch of line) {
    const size = utf8Octets(ch);
    if (octets + size > MAX_OCTETS) {
      out.push(current);
      current = " ";
      octets = 1;
    }
    current += ch;
    octets += size;
  }
  out.push(current);
  return out.join(CRLF);
}

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

/** 20250610T143000Z */
function utcStamp(at: Date): string {
  if (Number.isNaN(at.getTime())) throw new RangeError("invalid 'now'");
  return `${pad(at.getUTCFullYear(), 4)}${pad(at.getUTCMonth() + 1)}${pad(at.getUTCDate())}T${pad(at.getUTCHours())}${pad(at.getUTCMinutes())}${pad(at.getUTCSeconds())}Z`;
}

/** A local (Asia/Shanghai) date-time `minutes` after midnight of `date`, days rolled over. */
function localStamp(date: string, minutes: number): string {
  const day = addDays(date, Math.floor(minutes / 1440));
  const rest = minutes % 1440;
  return `${day.replace(/-/g, "")}T${pad(Math.floor(rest / 60))}${pad(rest % 60)}00`;
}

/** The whole .ics text, CRLF line endings, folded. Throws RangeError on a bad date, time or address. */
export function buildAcceptanceInvite(input: AcceptanceInviteInput): string {
  const method: InviteMethod = input.method ?? "REQUEST";
  if (!isValidDate(input.date)) throw new RangeError(`invalid date: ${input.date}`);
  const time = TIME_RE.exec(input.startTime);
  if (!time) throw new RangeError(`invalid start time: ${input.startTime}`);
  const duration = input.durationMinutes ?? DEFAULT_DURATION_MINUTES;
  if (!Number.isInteger(duration) || duration <= 0) throw new RangeError(`invalid duration: ${duration}`);
  if (!Number.isInteger(input.sequence) || input.sequence < 0) throw new RangeError(`invalid sequence: ${input.sequence}`);
  const start = Number(time[1]) * 60 + Number(time[2]);
  const summary = `竣工验收：${input.projectName}（${input.projectCode}）`;
  const location = input.place.trim() || input.siteAddress;

  const lines = [
    "BEGIN:VCALENDAR",
    "PRODID:-//Installation After-Sales Tracker//Completion Acceptance//ZH-CN",
    "VERSION:2.0",
    "CALSCALE:GREGORIAN",
    `METHOD:${method}`,
    // Asia/Shanghai has had UTC+8 without daylight saving since 1991: one STANDARD block suffices.
    "BEGIN:VTIMEZONE",
    `TZID:${TZID}`,
    "BEGIN:STANDARD",
    "TZOFFSETFROM:+0800",
    "TZOFFSETTO:+0800",
    "TZNAME:CST",
    "DTSTART:19700101T000000",
    "END:STANDARD",
    "END:VTIMEZONE",
    "BEGIN:VEVENT",
    `UID:${escapeText(input.uid)}`,
    `SEQUENCE:${input.sequence}`,
    `DTSTAMP:${utcStamp(input.now)}`,
    `DTSTART;TZID=${TZID}:${localStamp(input.date, start)}`,
    `DTEND;TZID=${TZID}:${localStamp(input.date, start + duration)}`,
    `SUMMARY:${escapeText(summary)}`,
    `LOCATION:${escapeText(location)}`,
    `DESCRIPTION:${escapeText(input.description)}`,
    `ORGANIZER;CN=${paramValue(input.organizer.name)}:${mailto(input.organizer.email)}`,
    ...input.attendees.map(
      (a) => `ATTENDEE;CN=${paramValue(a.name)};ROLE=${a.role ?? "REQ-PARTICIPANT"};PARTSTAT=NEEDS-ACTION;RSVP=TRUE:${mailto(a.email)}`,
    ),
    `STATUS:${method === "CANCEL" ? "CANCELLED" : "CONFIRMED"}`,
    // A reminder the day before; a cancelled meeting needs none.
    ...(method === "REQUEST" ? ["BEGIN:VALARM", "ACTION:DISPLAY", `DESCRIPTION:${escapeText(summary)}`, "TRIGGER:-P1D", "END:VALARM"] : []),
    "END:VEVENT",
    "END:VCALENDAR",
  ];
  return lines.map(foldLine).join(CRLF) + CRLF;
}

/** The invitation as an outbox e-mail attachment (base64 content, see the mail worker). */
export function inviteAttachment(ics: string, method: InviteMethod = "REQUEST"): EmailAttachmentRef & { base64: string } {
  return {
    filename: "acceptance.ics",
    contentType: `text/calendar; charset=utf-8; method=${method}`,
    base64: Buffer.from(ics, "utf8").toString("base64"),
  };
}
