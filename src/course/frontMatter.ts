import { parseYaml } from './parseYaml.ts';

export interface SplitMarkdown {
  readonly data: unknown;
  readonly body: string;
}

const FENCE = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?/;

/** Splits a markdown file into its YAML front matter and its body. */
export function splitFrontMatter(text: string): SplitMarkdown | undefined {
  const match = FENCE.exec(text);
  if (!match) return undefined;
  return { data: parseYaml(match[1] ?? ''), body: text.slice(match[0].length) };
}
