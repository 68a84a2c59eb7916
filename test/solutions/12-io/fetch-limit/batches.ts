// Wrong: batches of `limit` URLs; each batch waits for its slowest request.
export async function fetchAll(urls: readonly string[], limit: number): Promise<string[]> {
  const bodies: string[] = [];
  for (let start = 0; start < urls.length; start += limit) {
    const batch = urls.slice(start, start + limit);
    bodies.push(...(await Promise.all(batch.map(async (url) => (await fetch(url)).text()))));
  }
  return bodies;
}
