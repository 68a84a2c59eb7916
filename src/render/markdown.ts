import { Lexer, type Token, type Tokens } from 'marked';
import wrapAnsi from 'wrap-ansi';
import { highlight } from './highlight.ts';
import type { Palette } from './palette.ts';
import { renderTable } from './table.ts';

interface Options {
  readonly width: number;
  readonly palette: Palette;
}

function inline(tokens: readonly Token[] | undefined, palette: Palette): string {
  if (!tokens) return '';
  const { chalk } = palette;
  return tokens
    .map((token): string => {
      switch (token.type) {
        case 'strong':
          return chalk.bold(inline((token as Tokens.Strong).tokens, palette));
        case 'em':
          return chalk.italic(inline((token as Tokens.Em).tokens, palette));
        case 'del':
          return chalk.strikethrough(inline((token as Tokens.Del).tokens, palette));
        case 'codespan':
          return chalk.yellow(unescape((token as Tokens.Codespan).text));
        case 'link': {
          const link = token as Tokens.Link;
          const label = inline(link.tokens, palette);
          return label === link.href ? chalk.blue(link.href) : `${chalk.blue(label)} ${chalk.dim(`(${link.href})`)}`;
        }
        case 'br':
          return '\n';
        case 'text': {
          const text = token as Tokens.Text;
          // A line break inside a paragraph is a soft break: a space, and the text is wrapped again.
          return text.tokens ? inline(text.tokens, palette) : unescape(text.text).replace(/\n/g, ' ');
        }
        case 'escape':
          return (token as Tokens.Escape).text;
        default:
          return unescape('text' in token ? String(token.text) : token.raw);
      }
    })
    .join('');
}

function unescape(text: string): string {
  return text.replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'");
}

function indent(text: string, prefix: string, first = prefix): string {
  return text
    .split('\n')
    .map((line, i) => (i === 0 ? first : prefix) + line)
    .join('\n');
}

function block(token: Token, options: Options): string | undefined {
  const { palette, width } = options;
  const { chalk } = palette;
  switch (token.type) {
    case 'heading': {
      const heading = token as Tokens.Heading;
      const text = inline(heading.tokens, palette);
      if (heading.depth === 1) return chalk.bold.magenta(text) + '\n' + chalk.magenta('═'.repeat(Math.min(width, text.length + 4)));
      if (heading.depth === 2) return chalk.bold.cyan(text) + '\n' + chalk.cyan('─'.repeat(Math.min(width, text.length + 2)));
      return chalk.bold(text);
    }
    case 'paragraph':
      return wrapAnsi(inline((token as Tokens.Paragraph).tokens, palette), width, { hard: true });
    case 'text': {
      const text = token as Tokens.Text;
      return wrapAnsi(text.tokens ? inline(text.tokens, palette) : unescape(text.text).replace(/\n/g, ' '), width, { hard: true });
    }
    case 'code': {
      const code = token as Tokens.Code;
      const label = code.lang ? chalk.dim(`  ${code.lang}`) + '\n' : '';
      return label + indent(highlight(code.text, code.lang, chalk), chalk.dim('  │ '));
    }
    case 'blockquote': {
      const quote = token as Tokens.Blockquote;
      return indent(render(quote.tokens, { palette, width: width - 4 }), chalk.dim('  ┃ '));
    }
    case 'list':
      return list(token as Tokens.List, options);
    case 'table': {
      const table = token as Tokens.Table;
      return renderTable(
        table.header.map((cell) => chalk.bold(inline(cell.tokens, palette))),
        table.rows.map((row) => row.map((cell) => inline(cell.tokens, palette))),
        undefined,
        width,
      );
    }
    case 'hr':
      return chalk.dim('─'.repeat(width));
    case 'space':
      return undefined;
    case 'html':
      return undefined;
    default:
      return token.raw.trim() || undefined;
  }
}

function list(token: Tokens.List, options: Options): string {
  const start = typeof token.start === 'number' ? token.start : 1;
  return token.items
    .map((item, i) => {
      const marker = token.ordered ? `${start + i}.` : '•';
      const body = render(item.tokens, { ...options, width: options.width - marker.length - 3 }, '\n');
      return indent(body, ' '.repeat(marker.length + 3), `  ${marker} `);
    })
    .join('\n');
}

function render(tokens: readonly Token[], options: Options, separator = '\n\n'): string {
  return tokens
    .map((token) => block(token, options))
    .filter((text): text is string => text !== undefined)
    .join(separator);
}

/**
 * Markdown to terminal text: headings, paragraphs wrapped to the width, lists, tables,
 * block quotes, and code blocks highlighted for TypeScript and Python. Built on marked's
 * lexer; no markup characters survive into the output.
 */
export function renderMarkdown(markdown: string, options: Options): string {
  return render(new Lexer().lex(markdown), options);
}
