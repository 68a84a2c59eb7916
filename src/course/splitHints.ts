/** hints.md holds hint levels separated by lines of `---`; the first is the gentlest. */
export function splitHints(markdown: string): string[] {
  return markdown
    .split(/^---[ \t]*$/m)
    .map((part) => part.trim())
    .filter((part) => part.length > 0);
}
