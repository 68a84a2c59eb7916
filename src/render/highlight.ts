import type { ChalkInstance } from 'chalk';

const KEYWORDS: Record<string, ReadonlySet<string>> = {
  ts: new Set(
    ('async await break case catch class const continue default delete do else export extends false finally for from ' +
      'function if import in instanceof interface let new null of return static super switch this throw true try type ' +
      'typeof undefined using var void while yield as implements readonly private public protected keyof satisfies').split(' '),
  ),
  python: new Set(
    ('and as assert async await break class continue def del elif else except False finally for from global if import ' +
      'in is lambda None nonlocal not or pass raise return True try while with yield self print').split(' '),
  ),
};

const LANGUAGE_ALIASES: Record<string, string> = { typescript: 'ts', js: 'ts', javascript: 'ts', mjs: 'ts', tsx: 'ts', py: 'python' };

/** Comments, strings, numbers and words, in that order of precedence. */
const TOKENS: Record<string, RegExp> = {
  ts: /(\/\/[^\n]*|\/\*[\s\S]*?\*\/)|(`(?:\\[\s\S]|[^`\\])*`|'(?:\\.|[^'\\\n])*'|"(?:\\.|[^"\\\n])*")|(\b\d[\d_]*(?:\.\d+)?n?\b)|([A-Za-z_$][\w$]*)/g,
  python: /(#[^\n]*)|("""[\s\S]*?"""|'''[\s\S]*?'''|[fbr]?'(?:\\.|[^'\\\n])*'|[fbr]?"(?:\\.|[^"\\\n])*")|(\b\d[\d_]*(?:\.\d+)?\b)|([A-Za-z_][\w]*)/g,
};

/** A small syntax highlighter for the two languages the lessons show side by side. */
export function highlight(code: string, language: string | undefined, chalk: ChalkInstance): string {
  const lang = LANGUAGE_ALIASES[language ?? ''] ?? language ?? '';
  const pattern = TOKENS[lang];
  const keywords = KEYWORDS[lang];
  if (!pattern || !keywords || chalk.level === 0) return code;
  return code.replace(new RegExp(pattern.source, 'g'), (match, comment?: string, string?: string, number?: string, word?: string) => {
    if (comment) return chalk.gray(match);
    if (string) return chalk.green(match);
    if (number) return chalk.yellow(match);
    if (word && keywords.has(word)) return chalk.magenta(match);
    return match;
  });
}
