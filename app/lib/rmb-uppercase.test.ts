import { describe, expect, it } from "vitest";
import { amountInWords, MAX_UPPERCASE_FEN_EXCLUSIVE, rmbInWords } from "./rmb-uppercase";

// ---- Independent reference: scans the 15 digit places of a zero-padded string left to right,
// counting zeros, instead of splitting the number recursively as the module does. ----
const D = "零壹贰叁肆伍陆柒捌玖";
// Unit after a digit at place p (0 = 元 digit) and the section boundaries where 万/亿 are written.
const PLACE_UNIT = ["", "拾", "佰", "仟", "", "拾", "佰", "仟", "", "拾", "佰", "仟", "万"];
const BOUNDARY: Record<number, { unit: string; from: number; to: number }> = {
  4: { unit: "万", from: 4, to: 7 },
  8: { unit: "亿", from: 8, to: 12 },
};

function referenceWords(fen: number): string {
  const s = String(fen).padStart(15, "0");
  const yuanDigits = s.slice(0, 13); // index 0 is place 12
  const jiao = Number(s[13]);
  const fenD = Number(s[14]);
  const digitAt = (place: number) => Number(yuanDigits[12 - place]);
  let words = "";
  let zeros = 0;
  let started = false;
  for (let place = 12; place >= 0; place--) {
    const d = digitAt(place);
    if (d === 0) {
      if (started) zeros++;
    } else {
      if (zeros > 0) words += "零";
      zeros = 0;
      started = true;
      words += D[d] + PLACE_UNIT[place];
    }
    const b = BOUNDARY[place];
    if (b) {
      let sectionHasDigit = false;
      for (let p = b.from; p <= b.to; p++) if (digitAt(p) !== 0) sectionHasDigit = true;
      // A non-empty section's trailing zeros are covered by its unit; an empty one keeps counting.
      if (sectionHasDigit) {
        words += b.unit;
        zeros = 0;
      }
    }
  }
  if (!started && jiao === 0 && fenD === 0) return "零元整";
  if (started) words += "元";
  if (jiao === 0 && fenD === 0) return words + "整";
  if (started && (digitAt(0) === 0 || jiao === 0)) words += "零";
  if (jiao) words += D[jiao] + "角";
  if (fenD) words += D[fenD] + "分";
  return words;
}

// ---- Parser back to fen, so figures and words can be checked against each other. ----
const UNIT_VALUE: Record<string, number> = { 拾: 10, 佰: 100, 仟: 1000 };

/** Up to 9999 read as digit+unit pairs (零 ignored); refuses anything else. */
function parseSection(s: string): number {
  let total = 0;
  const body = s.replace(/零/g, "");
  const re = /([壹贰叁肆伍陆柒捌玖])([拾佰仟]?)/gy;
  let consumed = 0;
  let lastUnit = 10_000;
  for (let m = re.exec(body); m; m = re.exec(body)) {
    const unit = m[2] ? UNIT_VALUE[m[2]] : 1;
    if (unit >= lastUnit) throw new Error(`units out of order in ${s}`);
    lastUnit = unit;
    total += D.indexOf(m[1]) * unit;
    consumed = re.lastIndex;
  }
  if (consumed !== body.length) throw new Error(`cannot parse section ${s}`);
  return total;
}

function parseWhole(s: string): number {
  const yi = s.lastIndexOf("亿");
  if (yi >= 0) return parseWhole(s.slice(0, yi)) * 1e8 + parseWhole(s.slice(yi + 1));
  const wan = s.lastIndexOf("万");
  if (wan >= 0) return parseWhole(s.slice(0, wan)) * 1e4 + parseWhole(s.slice(wan + 1));
  return parseSection(s);
}

function parseWords(words: string): number {
  if (words === "零元整") return 0;
  const m = /^(?:(.+)元)?(零)?(?:([壹贰叁肆伍陆柒捌玖])角)?(?:([壹贰叁肆伍陆柒捌玖])分)?(整)?$/.exec(words);
  if (!m) throw new Error(`cannot parse ${words}`);
  const [, yuan, , jiao, fenD, zheng] = m;
  if (zheng && (jiao || fenD)) throw new Error(`整 after 角/分 in ${words}`);
  return (yuan ? parseWhole(yuan) : 0) * 100 + (jiao ? D.indexOf(jiao) * 10 : 0) + (fenD ? D.indexOf(fenD) : 0);
}

// Seeded so a failure can be replayed (mulberry32).
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Random amounts of random length, zero-heavy so gaps of every shape appear. */
function randomFen(next: () => number): number {
  const length = 1 + Math.floor(next() * 15);
  const zeroBias = next();
  let s = "";
  for (let i = 0; i < length; i++) s += next() < zeroBias ? "0" : String(1 + Math.floor(next() * 9));
  return Number(s);
}

describe("amountInWords", () => {
  it("writes the official examples of the 1997 rules exactly", () => {
    expect(amountInWords(140_950)).toBe("壹仟肆佰零玖元伍角");
    expect(amountInWords(600_714)).toBe("陆仟零柒元壹角肆分");
    expect(amountInWords(1_640_902)).toBe("壹万陆仟肆佰零玖元零贰分");
    expect(amountInWords(168_032)).toBe("壹仟陆佰捌拾元零叁角贰分");
    expect(amountInWords(10_700_053)).toBe("壹拾万柒仟元零伍角叁分");
  });

  it("puts 人民币 directly before the amount", () => {
    expect(rmbInWords(1_640_902)).toBe("人民币壹万陆仟肆佰零玖元零贰分");
    expect(rmbInWords(0)).toBe("人民币零元整");
  });

  it.each([
    [1_005, "壹拾元零伍分"],
    [100_000_000, "壹佰万元整"],
    [50, "伍角"],
    [5, "伍分"],
    [55, "伍角伍分"],
    [0, "零元整"],
    [100, "壹元整"],
    [1_000, "壹拾元整"],
    [1_050, "壹拾元零伍角"],
    [100_050, "壹仟元零伍角"],
    [10_000_000_000, "壹亿元整"],
    [32_500_010, "叁拾贰万伍仟元零壹角"],
    [6_000_000_000, "陆仟万元整"],
    [10_000_000_000_500, "壹仟亿零伍元整"],
    [1_000_010_000_000, "壹佰亿零壹拾万元整"],
    [1_000_000_100, "壹仟万零壹元整"],
    [10_001_000, "壹拾万零壹拾元整"],
    [1_000_500_000, "壹仟万伍仟元整"],
    [10_000_000_500_000, "壹仟亿零伍仟元整"],
    [11_000, "壹佰壹拾元整"],
    [100_000_000_000_000, "壹万亿元整"],
    [100_010_000_000_000, "壹万零壹亿元整"],
    [100_000_000_000_100, "壹万亿零壹元整"],
    [999_999_999_999_999, "玖万玖仟玖佰玖拾玖亿玖仟玖佰玖拾玖万玖仟玖佰玖拾玖元玖角玖分"],
  ])("%i fen → %s", (fen, words) => {
    expect(amountInWords(fen)).toBe(words);
  });

  it("handles a single non-zero digit in every one of the 15 places", () => {
    for (let place = 0; place < 15; place++) {
      for (let d = 1; d <= 9; d++) {
        const fen = d * 10 ** place;
        expect(amountInWords(fen), String(fen)).toBe(referenceWords(fen));
      }
    }
    // Spot-check the reference itself so the two cannot share a mistake unnoticed.
    expect(referenceWords(700_000_000_000)).toBe("柒拾亿元整");
    expect(referenceWords(30)).toBe("叁角");
  });

  it("handles a single zero, and every pair of zeros, inside 9s", () => {
    const nines = "9".repeat(15);
    for (let i = 0; i < 15; i++) {
      const fen = Number(nines.slice(0, i) + "0" + nines.slice(i + 1));
      expect(amountInWords(fen), String(fen)).toBe(referenceWords(fen));
      for (let j = i + 1; j < 15; j++) {
        const s = nines.slice(0, i) + "0" + nines.slice(i + 1, j) + "0" + nines.slice(j + 1);
        expect(amountInWords(Number(s)), s).toBe(referenceWords(Number(s)));
      }
    }
    expect(amountInWords(909_999_999_999_999)).toBe("玖万零玖佰玖拾玖亿玖仟玖佰玖拾玖万玖仟玖佰玖拾玖元玖角玖分");
    expect(amountInWords(999_999_999_999_909)).toBe("玖万玖仟玖佰玖拾玖亿玖仟玖佰玖拾玖万玖仟玖佰玖拾玖元零玖分");
  });

  it("agrees with the reference and parses back to the same fen for 5,000 random amounts", () => {
    const next = rng(20_240_229);
    for (let i = 0; i < 5_000; i++) {
      const fen = randomFen(next);
      const words = amountInWords(fen);
      expect(words, String(fen)).toBe(referenceWords(fen));
      expect(parseWords(words), words).toBe(fen);
      // Shape rules: one 零 at a time, never 零 right before a unit, 整 only after 元.
      if (fen === 0) continue;
      expect(words).not.toMatch(/零零|零[拾佰仟万亿元角分]|[角分]整|^零/);
      if (words.endsWith("整")) expect(words.endsWith("元整")).toBe(true);
    }
  });

  it("refuses negatives, fractions, unsafe and too-large amounts", () => {
    for (const bad of [-1, 0.5, 100.01, Number.NaN, Number.POSITIVE_INFINITY, Number.MAX_SAFE_INTEGER + 1, MAX_UPPERCASE_FEN_EXCLUSIVE]) {
      expect(() => amountInWords(bad), String(bad)).toThrow(RangeError);
    }
    expect(() => amountInWords("100" as unknown as number)).toThrow(RangeError);
    expect(() => rmbInWords(-100)).toThrow(RangeError);
    expect(amountInWords(MAX_UPPERCASE_FEN_EXCLUSIVE - 1)).toMatch(/^玖万/);
  });
});
