import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { cleanOutsideText, cleanXml } from "../../src/domain/outside-text.ts";

const FORBIDDEN =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c\ufeff]/;

describe("cleanOutsideText", () => {
  it("leaves no control or bidi character, in any string, and is idempotent", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 200 }), (s) => {
        const out = cleanOutsideText(s);
        expect(out).not.toMatch(FORBIDDEN);
        expect(cleanOutsideText(out)).toBe(out);
      }),
      { numRuns: 2000 },
    );
  });

  it("keeps ordinary text, tabs, newlines, accents, emoji and right-to-left scripts", () => {
    const text = "RCN nurses\tstrike on 6 February\nCymru: Ysbyty Gwynedd — £1,500 🙂 👩‍⚕️ عربى";
    expect(cleanOutsideText(text)).toBe(text);
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 80 }), (s) => {
        const plain = s
          .replace(new RegExp(FORBIDDEN.source, "g"), "")
          .replace(/[\r\u2028\u2029]/g, "");
        expect(cleanOutsideText(plain)).toBe(plain);
      }),
    );
  });

  it("removes terminal escape sequences whole, and normalises line breaks", () => {
    expect(cleanOutsideText("Eve\u001b[1;31mlyn\u001b]0;owned\u0007!")).toBe("Evelyn!");
    expect(cleanOutsideText("a\r\nb\rc\u2028d")).toBe("a\nb\nc\nd");
    expect(cleanOutsideText("exe.\u202egpj")).toBe("exe.gpj");
  });
});

describe("cleanXml", () => {
  it("drops the characters XML forbids, literal and as references, and nothing else", () => {
    expect(cleanXml("<t>a\u0000b&#0;c&#x1B;d&#9;e&#10;f&amp;</t>")).toBe(
      "<t>abcd&#9;e&#10;f&amp;</t>",
    );
  });
});
