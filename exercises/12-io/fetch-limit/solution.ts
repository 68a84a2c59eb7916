/**
 * Fetch every URL and return the response bodies (as text) in the order of `urls`,
 * with at most `limit` requests in flight at any moment.
 */
export async function fetchAll(urls: readonly string[], limit: number): Promise<string[]> {
  const bodies = new Array<string>(urls.length);
  let next = 0;
  // Each runner takes the next URL as soon as its previous request is done, so
  // `limit` requests stay in flight until the list runs out.
  async function runner(): Promise<void> {
    while (next < urls.length) {
      const index = next++;
      const url = urls[index]!;
      const response = await fetch(url);
      if (!response.ok) throw new Error(`${url} answered ${response.status}`);
      bodies[index] = await response.text();
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, urls.length) }, runner));
  return bodies;
}
