import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '../../../src/render/markdown.ts';
import { createPalette } from '../../../src/render/palette.ts';
import { splitHints } from '../../../src/course/splitHints.ts';
import { splitFrontMatter } from '../../../src/course/frontMatter.ts';

const plain = createPalette(false);
const sample = [
  '# Title',
  '',
  'A **bold** word, an *italic* one and `inline code`, [a link](https://nodejs.org/api/).',
  '',
  '- a list item with **bold** text that goes on long enough to need wrapping at forty columns',
  '- `second`',
  '',
  '| Python | Node |',
  '|---|---|',
  '| `threading.Thread` | `new Worker` |',
  '',
  '> quoted **text**',
  '',
  '```ts',
  "const x: number = 1; // comment",
  '```',
].join('\n');

describe('renderMarkdown', () => {
  const text = renderMarkdown(sample, { width: 40, palette: plain });

  it('leaves no markdown markers behind', () => {
    expect(text).not.toMatch(/\*\*|`|^#|\]\(/m);
    expect(text).toContain('A bold word, an italic one and inline');
    expect(text).toContain('threading.Thread');
    expect(text).toContain('const x: number = 1; // comment');
  });

  it('wraps prose to the width', () => {
    for (const line of text.split('\n')) {
      if (!line.includes('│') && !line.includes('─')) expect(line.length).toBeLessThanOrEqual(40);
    }
  });

  it('emits no escape codes without colour, and some with it', () => {
    expect(text).not.toContain('\u001b[');
    expect(renderMarkdown(sample, { width: 40, palette: createPalette(true) })).toContain('\u001b[');
  });
});

describe('content helpers', () => {
  it('splits hints on --- lines', () => {
    expect(splitHints('one\n---\ntwo\n---\n\nthree\n')).toEqual(['one', 'two', 'three']);
  });

  it('splits front matter from the body', () => {
    expect(splitFrontMatter('---\nid: x\n---\n# Body\n')).toEqual({ data: { id: 'x' }, body: '# Body\n' });
    expect(splitFrontMatter('# no front matter')).toBeUndefined();
  });
});

describe('paragraphs and tables', () => {
  it('treats a line break inside a paragraph as a space and wraps the paragraph again', () => {
    const text = renderMarkdown('one two three\nfour five six\nseven', { width: 80, palette: plain });
    expect(text).toBe('one two three four five six seven');
  });

  it('fits a wide table into the width by wrapping cells', () => {
    const long = 'word '.repeat(30).trim();
    const text = renderMarkdown(`| a | b |\n|---|---|\n| ${long} | ${long} |`, { width: 60, palette: plain });
    for (const line of text.split('\n')) expect([...line].length).toBeLessThanOrEqual(60);
    expect(text.replace(/[│\s]+/g, ' ')).toContain('word word');
  });
});
