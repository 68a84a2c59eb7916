import { describe, expect, it } from 'vitest';
import { createRequire } from 'node:module';
import stringWidth, { narrowWidth, NARROW } from '../../../src/render/fastStringWidth.ts';

const realStringWidth = createRequire(import.meta.url)('string-width') as (text: string) => number;

/** Every character the fast path claims, one by one. */
function narrowCharacters(): string[] {
  const all: string[] = [];
  for (let code = 0; code <= 0xffff; code++) {
    const char = String.fromCharCode(code);
    if (NARROW.test(char) && char !== '') all.push(char);
  }
  return all;
}

describe('fastStringWidth (cli-table3 measures cells with it)', () => {
  it('answers for coloured cells itself, and hands over what it does not know', () => {
    // Colour codes around narrow text: the cells of every table on a terminal.
    expect(narrowWidth('\u001b[2mno\u001b[22m')).toBe(2);
    expect(narrowWidth('\u001b[31mfailing\u001b[39m │ 3')).toBe(11);
    expect(narrowWidth('\u001b[36m日本\u001b[39m')).toBeUndefined();
    expect(narrowWidth('\u001b[2Kerased')).toBeUndefined();
  });

  it('agrees with string-width on every character of its fast path', () => {
    const chars = narrowCharacters();
    expect(chars.length).toBeGreaterThan(95 + 128); // printable ASCII and box drawing at least
    for (const char of chars) expect([char, stringWidth(char)]).toEqual([char, realStringWidth(char)]);
  });

  it('agrees with string-width on the strings we draw and on ones it hands over', () => {
    const samples = [
      '',
      'Processes vs threads',
      '[#####-----] 50% 1/2',
      '─────┼─────',
      'done · 2 attempts … “best” — 12 ms',
      '日本語のレッスン',
      'emoji 🧵 thread',
      'e\u0301 combining',
      '\u001b[1mbold\u001b[22m',
      '\u001b[2mno\u001b[22m',
      '\u001b[32m[#####-----]\u001b[39m 50% \u001b[1;36m1/2\u001b[0m',
      '\u001b[31m✗\u001b[39m failing',
      '\u001b[36m日本\u001b[39m',
      '\u001b]8;;https://example.com\u0007link\u001b]8;;\u0007',
      '\u001b[2Kerased',
      'tab\there',
    ];
    for (const text of samples) expect([text, stringWidth(text)]).toEqual([text, realStringWidth(text)]);
  });
});
