// Wrong: retries every answer that is not ok, a 404 included.
export interface RetryOptions {
  readonly retries: number;
  readonly baseDelayMs: number;
  readonly timeoutMs: number;
}

export async function fetchWithRetry(url: string, options: RetryOptions): Promise<string> {
  for (let retry = 0; ; retry += 1) {
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(options.timeoutMs) });
      if (response.ok) return await response.text();
      throw new Error(`${url} answered ${response.status}`);
    } catch (error) {
      if (retry >= options.retries) throw error;
    }
    await new Promise((resolve) => setTimeout(resolve, options.baseDelayMs * 2 ** retry));
  }
}
