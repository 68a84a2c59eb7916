// Wrong: the pool is right, but bodies are pushed in the order the responses finish.
export async function fetchAll(urls: readonly string[], limit: number): Promise<string[]> {
  const bodies: string[] = [];
  let next = 0;
  async function runner(): Promise<void> {
    while (next < urls.length) {
      const url = urls[next++]!;
      bodies.push(await (await fetch(url)).text());
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, urls.length) }, runner));
  return bodies;
}
