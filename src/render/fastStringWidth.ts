/**
 * string-width for cli-table3, with a fast path: a line of printable ASCII, box drawing
 * and common punctuation (· – — ‘ ’ “ ” …), which is nearly every cell and frame we draw,
 * is as wide as it is long. Anything else goes to the real string-width,
 * loaded on first need, because its emoji pattern alone costs milliseconds to compile.
 * The build points cli-table3's `string-width` here (scripts/buildPlugins.js).
 */
import { createRequire } from 'node:module';

export const NARROW = /^[\x20-\x7e\u00b7\u2013\u2014\u2018\u2019\u201c\u201d\u2026\u2500-\u257f]*$/;
let real: ((text: string) => number) | undefined;

export default function stringWidth(text: string): number {
  if (typeof text === 'string' && NARROW.test(text)) return text.length;
  real ??= createRequire(import.meta.url)('string-width') as (text: string) => number;
  return real(text);
}
