/**
 * string-width for cli-table3, with a fast path: a line of printable ASCII, box drawing
 * and common punctuation (· – — ‘ ’ “ ” …), which is nearly every cell and frame we draw,
 * is as wide as it is long, once its colour codes (SGR: ESC [ … m, as chalk writes them) are
 * taken out, as string-width takes them out. Anything else goes to the real string-width,
 * loaded on first need, because its emoji pattern alone costs milliseconds to compile.
 * The build points cli-table3's `string-width` here (scripts/buildPlugins.js).
 */
import { createRequire } from 'node:module';

export const NARROW = /^[\x20-\x7e\u00b7\u2013\u2014\u2018\u2019\u201c\u201d\u2026\u2500-\u257f]*$/;
/** Colour codes (SGR: ESC [ … m), as chalk writes them. */
export const SGR = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');
let real: ((text: string) => number) | undefined;

/** The width of `text` if the fast path knows it, else undefined. */
export function narrowWidth(text: string): number | undefined {
  const plain = text.includes('\u001b') ? text.replace(SGR, '') : text;
  return NARROW.test(plain) ? plain.length : undefined;
}

export default function stringWidth(text: string): number {
  const known = typeof text === 'string' ? narrowWidth(text) : undefined;
  if (known !== undefined) return known;
  real ??= createRequire(import.meta.url)('string-width') as (text: string) => number;
  return real(text);
}
