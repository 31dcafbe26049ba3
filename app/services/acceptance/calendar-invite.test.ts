// The acceptance invitation as calendars read it: RFC 5545 line format, escaping, no injection,
// correct local times, and a parse-back of every property.
import { describe, expect, it } from "vitest";
import { buildAcceptanceInvite, foldLine, inviteAttachment, type AcceptanceInviteInput } from "./calendar-invite";

const base: AcceptanceInviteInput = {
  uid: "acceptance-7f3c@install.example.cn",
  sequence: 0,
  projectCode: "PRJ-2026-0001",
  projectName: "天河科技园新风净化系统安装工程",
  siteAddress: "广州市天河区科韵路 16 号",
  date: "2026-06-10",
  startTime: "09:30",
  place: "3 号楼一层会议室",
  organizer: { name: "王晓东", email: "pm@demo.cn" },
  attendees: [
    { name: "李监理", email: "supervisor@demo.cn" },
    { name: "设计院 张工", email: "design@demo.cn", role: "OPT-PARTICIPANT" },
  ],
  description: "请各方准时到场。",
  now: new Date("2026-06-01T02:03:04Z"),
};

/** RFC 5545 3.1 unfolding: a CRLF followed by one space or tab is removed. */
function unfold(ics: string): string[] {
  return ics.replace(/\r\n[ \t]/g, "").split("\r\n").filter((l) => l !== "");
}

interface Prop {
  name: string;
  params: Record<string, string>;
  value: string;
}

/** A small content-line parser: NAME;P=v;P="quoted":value (quoted params may hold ':' ';' ','). */
function parseLine(line: string): Prop {
  let i = 0;
  const readName = () => {
    const start = i;
    while (i < line.length && /[A-Za-z0-9-]/.test(line[i])) i++;
    return line.slice(start, i);
  };
  const name = readName();
  const params: Record<string, string> = {};
  while (line[i] === ";") {
    i++;
    const key = readName();
    expect(line[i]).toBe("=");
    i++;
    let value = "";
    if (line[i] === '"') {
      const end = line.indexOf('"', i + 1);
      value = line.slice(i + 1, end);
      i = end + 1;
    } else {
      const start = i;
      while (i < line.length && !";:,".includes(line[i])) i++;
      value = line.slice(start, i);
    }
    params[key] = value;
  }
  expect(line[i]).toBe(":");
  return { name, params, value: line.slice(i + 1) };
}

function unescapeText(value: string): string {
  return value.replace(/\\([\\;,nN])/g, (_m, c: string) => (c === "n" || c === "N" ? "\n" : c));
}

const props = (ics: string) => unfold(ics).map(parseLine);
/** One property of the VEVENT itself (not of its VALARM or the time zone). */
const one = (ics: string, name: string) => {
  const lines = unfold(ics);
  const event = lines.slice(lines.indexOf("BEGIN:VEVENT") + 1, lines.indexOf("END:VEVENT")).filter((_l, i, all) => {
    const alarm = all.indexOf("BEGIN:VALARM");
    return alarm < 0 || i < alarm || i > all.indexOf("END:VALARM");
  });
  const found = event.map(parseLine).filter((p) => p.name === name);
  expect(found, name).toHaveLength(1);
  return found[0];
};
const octets = (s: string) => Buffer.byteLength(s, "utf8");

describe("buildAcceptanceInvite", () => {
  it("uses CRLF only and no line is longer than 75 octets", () => {
    const ics = buildAcceptanceInvite({ ...base, description: "验收内容：".repeat(60) + "\n第二行" });
    expect(ics.endsWith("\r\n")).toBe(true);
    expect(ics.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
    const physical = ics.split("\r\n").slice(0, -1);
    expect(physical.length).toBeGreaterThan(20);
    for (const line of physical) expect(octets(line), line).toBeLessThanOrEqual(75);
  });

  it("folds without splitting a multi-byte character (unfolded text is intact)", () => {
    // Mixed 1-, 3- and 4-byte characters so fold points fall at every alignment.
    const text = "a喆堃😀b" + "验收𠀀x".repeat(40);
    for (let shift = 0; shift < 4; shift++) {
      const line = `DESCRIPTION:${"x".repeat(shift)}${text}`;
      const folded = foldLine(line);
      const parts = folded.split("\r\n");
      expect(parts.length).toBeGreaterThan(3);
      for (const [i, part] of parts.entries()) {
        expect(octets(part)).toBeLessThanOrEqual(75);
        if (i > 0) expect(part.startsWith(" ")).toBe(true);
        // A split character would come back as U+FFFD after a UTF-8 round trip of the part.
        expect(Buffer.from(part, "utf8").toString("utf8")).toBe(part);
        expect(part).not.toMatch(/[\ud800-\udbff]$|^ ?[\udc00-\udfff]/);
      }
      expect(folded.replace(/\r\n /g, "")).toBe(line);
    }
    const ics = buildAcceptanceInvite({ ...base, description: text });
    expect(unescapeText(one(ics, "DESCRIPTION").value)).toBe(text);
    // The encoded bytes survive, too: fold points are whole characters in the UTF-8 stream.
    const bytes = Buffer.from(ics, "utf8");
    expect(bytes.toString("utf8")).toBe(ics);
  });

  it("escapes backslash, semicolon, comma and line breaks in TEXT values", () => {
    const description = "C:\\路径; 甲方, 乙方\r\n第二行\n第三行\r第四行";
    const ics = buildAcceptanceInvite({ ...base, description, place: "会议室 A, 3F; 东侧" });
    const raw = one(ics, "DESCRIPTION").value;
    expect(raw).toBe("C:\\\\路径\\; 甲方\\, 乙方\\n第二行\\n第三行\\n第四行");
    expect(unescapeText(raw)).toBe("C:\\路径; 甲方, 乙方\n第二行\n第三行\n第四行");
    expect(one(ics, "LOCATION").value).toBe("会议室 A\\, 3F\\; 东侧");
  });

  it("a name with quotes and CRLF cannot inject a property or parameter", () => {
    const evil = 'Eve"\r\nATTENDEE;CN=x:mailto:evil@example.com\r\nX-EVIL:1;ROLE=CHAIR:';
    const ics = buildAcceptanceInvite({
      ...base,
      organizer: { name: evil, email: "pm@demo.cn" },
      attendees: [{ name: evil, email: "supervisor@demo.cn" }],
      description: evil,
      uid: "u1\r\nX-UID-EVIL:1",
    });
    const all = props(ics);
    expect(all.map((p) => p.name).filter((n) => n.startsWith("X-"))).toEqual([]);
    const attendees = all.filter((p) => p.name === "ATTENDEE");
    expect(attendees).toHaveLength(1);
    expect(attendees[0].value).toBe("mailto:supervisor@demo.cn");
    expect(attendees[0].params.ROLE).toBe("REQ-PARTICIPANT");
    expect(attendees[0].params.CN).not.toMatch(/["\r\n]/);
    expect(attendees[0].params.CN).toContain("mailto:evil@example.com");
    expect(one(ics, "ORGANIZER").value).toBe("mailto:pm@demo.cn");
    // Every physical line is either a property or a continuation: no stray line starts a property.
    for (const line of unfold(ics)) expect(line).toMatch(/^[A-Z-]+[;:]/);
  });

  it("quotes CN only when needed", () => {
    const ics = buildAcceptanceInvite({ ...base, attendees: [{ name: "张三", email: "a@b.cn" }, { name: "Li, Si: 监理", email: "c@d.cn" }] });
    const lines = unfold(ics).filter((l) => l.startsWith("ATTENDEE"));
    expect(lines[0]).toContain("ATTENDEE;CN=张三;ROLE=");
    expect(lines[1]).toContain('ATTENDEE;CN="Li, Si: 监理";ROLE=');
    expect(props(ics).filter((p) => p.name === "ATTENDEE").map((p) => p.params.CN)).toEqual(["张三", "Li, Si: 监理"]);
  });

  it("refuses an address that could break the line", () => {
    expect(() => buildAcceptanceInvite({ ...base, attendees: [{ name: "x", email: "a@b.cn\r\nX-EVIL:1" }] })).toThrow(RangeError);
    expect(() => buildAcceptanceInvite({ ...base, organizer: { name: "x", email: "a;b@c.cn" } })).toThrow(RangeError);
  });

  it("carries the calendar, time zone and event properties", () => {
    const ics = buildAcceptanceInvite({ ...base, sequence: 2 });
    const lines = unfold(ics);
    expect(lines[0]).toBe("BEGIN:VCALENDAR");
    expect(lines.at(-1)).toBe("END:VCALENDAR");
    for (const l of ["VERSION:2.0", "CALSCALE:GREGORIAN", "METHOD:REQUEST", "TZID:Asia/Shanghai", "TZOFFSETFROM:+0800", "TZOFFSETTO:+0800", "TZNAME:CST", "DTSTART:19700101T000000", "STATUS:CONFIRMED", "TRIGGER:-P1D", "ACTION:DISPLAY", "SEQUENCE:2"]) {
      expect(lines, l).toContain(l);
    }
    expect(props(ics).find((p) => p.name === "PRODID")?.value).toMatch(/^-\/\/.+\/\/.+\/\/[A-Z-]+$/);
    expect(one(ics, "UID").value).toBe(base.uid);
    expect(one(ics, "DTSTAMP").value).toBe("20260601T020304Z");
    expect(one(ics, "SUMMARY").value).toBe("竣工验收：天河科技园新风净化系统安装工程（PRJ-2026-0001）");
    expect(one(ics, "LOCATION").value).toBe("3 号楼一层会议室");
    const start = props(ics).find((p) => p.name === "DTSTART" && p.params.TZID);
    expect(start).toEqual({ name: "DTSTART", params: { TZID: "Asia/Shanghai" }, value: "20260610T093000" });
    expect(one(ics, "DTEND")).toEqual({ name: "DTEND", params: { TZID: "Asia/Shanghai" }, value: "20260610T123000" });
    expect(one(ics, "ORGANIZER")).toEqual({ name: "ORGANIZER", params: { CN: "王晓东" }, value: "mailto:pm@demo.cn" });
    const attendees = props(ics).filter((p) => p.name === "ATTENDEE");
    expect(attendees[1]).toEqual({
      name: "ATTENDEE",
      params: { CN: "设计院 张工", ROLE: "OPT-PARTICIPANT", PARTSTAT: "NEEDS-ACTION", RSVP: "TRUE" },
      value: "mailto:design@demo.cn",
    });
    // Components nest properly.
    const begins = lines.filter((l) => l.startsWith("BEGIN:")).map((l) => l.slice(6));
    expect(begins).toEqual(["VCALENDAR", "VTIMEZONE", "STANDARD", "VEVENT", "VALARM"]);
    const stack: string[] = [];
    for (const l of lines) {
      if (l.startsWith("BEGIN:")) stack.push(l.slice(6));
      if (l.startsWith("END:")) expect(stack.pop()).toBe(l.slice(4));
    }
    expect(stack).toEqual([]);
  });

  it("23:00 + 180 minutes ends at 02:00 the next day, also across a month and year end", () => {
    const ics = buildAcceptanceInvite({ ...base, date: "2026-12-31", startTime: "23:00" });
    expect(unfold(ics)).toContain("DTSTART;TZID=Asia/Shanghai:20261231T230000");
    expect(one(ics, "DTEND").value).toBe("20270101T020000");
    const feb = buildAcceptanceInvite({ ...base, date: "2028-02-28", startTime: "23:00", durationMinutes: 24 * 60 + 90 });
    expect(one(feb, "DTEND").value).toBe("20280301T003000");
  });

  it("uses the site address when no place is given", () => {
    const ics = buildAcceptanceInvite({ ...base, place: "  " });
    expect(unescapeText(one(ics, "LOCATION").value)).toBe(base.siteAddress);
  });

  it("a cancellation says METHOD:CANCEL and STATUS:CANCELLED, without a reminder", () => {
    const ics = buildAcceptanceInvite({ ...base, sequence: 1, method: "CANCEL" });
    const lines = unfold(ics);
    expect(lines).toContain("METHOD:CANCEL");
    expect(lines).toContain("STATUS:CANCELLED");
    expect(lines).not.toContain("BEGIN:VALARM");
  });

  it("refuses a bad date, time or duration", () => {
    expect(() => buildAcceptanceInvite({ ...base, date: "2026-02-30" })).toThrow(RangeError);
    expect(() => buildAcceptanceInvite({ ...base, startTime: "24:00" })).toThrow(RangeError);
    expect(() => buildAcceptanceInvite({ ...base, startTime: "9:30" })).toThrow(RangeError);
    expect(() => buildAcceptanceInvite({ ...base, durationMinutes: 0 })).toThrow(RangeError);
  });
});

describe("inviteAttachment", () => {
  it("is an outbox attachment with base64 content and the iTIP method", () => {
    const ics = buildAcceptanceInvite(base);
    expect(inviteAttachment(ics)).toEqual({ filename: "acceptance.ics", contentType: "text/calendar; charset=utf-8; method=REQUEST", base64: Buffer.from(ics, "utf8").toString("base64") });
    expect(Buffer.from(inviteAttachment(ics).base64, "base64").toString("utf8")).toBe(ics);
    expect(inviteAttachment(ics, "CANCEL").contentType).toBe("text/calendar; charset=utf-8; method=CANCEL");
  });
});
