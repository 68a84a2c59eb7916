// Wrong: every request starts at once; nothing enforces the limit.
export async function fetchAll(urls: readonly string[], _limit: number): Promise<string[]> {
  return Promise.all(urls.map(async (url) => (await fetch(url)).text()));
}
