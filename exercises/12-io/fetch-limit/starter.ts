/**
 * Fetch every URL and return the response bodies (as text) in the order of `urls`,
 * with at most `limit` requests in flight at any moment.
 */
export async function fetchAll(urls: readonly string[], limit: number): Promise<string[]> {
  // TODO: keep up to `limit` requests running at once, and start the next URL as soon
  // as any of them finishes. This version awaits each request before starting the next.
  const bodies: string[] = [];
  for (const url of urls) {
    const response = await fetch(url);
    if (!response.ok) throw new Error(`${url} answered ${response.status}`);
    bodies.push(await response.text());
  }
  return bodies;
}
