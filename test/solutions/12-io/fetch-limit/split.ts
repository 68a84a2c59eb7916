// Wrong: the URLs are dealt out to the runners in advance, so a runner that is done
// sits idle while another still has a queue of its own.
export async function fetchAll(urls: readonly string[], limit: number): Promise<string[]> {
  const bodies = new Array<string>(urls.length);
  const runners = Array.from({ length: Math.min(limit, urls.length) }, async (_, runner) => {
    for (let index = runner; index < urls.length; index += limit) {
      bodies[index] = await (await fetch(urls[index]!)).text();
    }
  });
  await Promise.all(runners);
  return bodies;
}
