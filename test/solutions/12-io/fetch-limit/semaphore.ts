// A correct alternative: one task per URL, each waiting for a free slot of a semaphore.
class Semaphore {
  private waiting: (() => void)[] = [];
  constructor(private free: number) {}

  async acquire(): Promise<void> {
    if (this.free > 0) {
      this.free -= 1;
      return;
    }
    await new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.free += 1;
  }
}

export async function fetchAll(urls: readonly string[], limit: number): Promise<string[]> {
  const slots = new Semaphore(limit);
  return Promise.all(
    urls.map(async (url) => {
      await slots.acquire();
      try {
        const response = await fetch(url);
        return await response.text();
      } finally {
        slots.release();
      }
    }),
  );
}
