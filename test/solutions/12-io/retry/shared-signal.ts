// Wrong: one timeout signal for every attempt; once it fires, each retry aborts at once.
export interface RetryOptions {
  readonly retries: number;
  readonly baseDelayMs: number;
  readonly timeoutMs: number;
}

export async function fetchWithRetry(url: string, options: RetryOptions): Promise<string> {
  const signal = AbortSignal.timeout(options.timeoutMs);
  for (let retry = 0; ; retry += 1) {
    let response: Response | undefined;
    try {
      response = await fetch(url, { signal });
    } catch (error) {
      if (retry >= options.retries) throw error;
    }
    if (response?.ok) return response.text();
    if (response && (response.status < 500 || retry >= options.retries)) throw new Error(`${url} answered ${response.status}`);
    await new Promise((resolve) => setTimeout(resolve, options.baseDelayMs * 2 ** retry));
  }
}
