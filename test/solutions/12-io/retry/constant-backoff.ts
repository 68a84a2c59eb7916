// Wrong: waits, but always the same time; the delay never grows.
export interface RetryOptions {
  readonly retries: number;
  readonly baseDelayMs: number;
  readonly timeoutMs: number;
}

export async function fetchWithRetry(url: string, options: RetryOptions): Promise<string> {
  for (let retry = 0; ; retry += 1) {
    let response: Response | undefined;
    try {
      response = await fetch(url, { signal: AbortSignal.timeout(options.timeoutMs) });
    } catch (error) {
      if (retry >= options.retries) throw error;
    }
    if (response?.ok) return response.text();
    if (response && (response.status < 500 || retry >= options.retries)) throw new Error(`${url} answered ${response.status}`);
    await new Promise((resolve) => setTimeout(resolve, options.baseDelayMs));
  }
}
