import { describe, expect, it } from 'vitest';
import { createRequire } from 'node:module';
import stringWidth, { NARROW } from '../../../src/render/fastStringWidth.ts';

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
      'tab\there',
    ];
    for (const text of samples) expect([text, stringWidth(text)]).toEqual([text, realStringWidth(text)]);
  });
});
