// Wrong: a timer wins the race, but the hung request is never aborted; it stays open.
export interface RetryOptions {
  readonly retries: number;
  readonly baseDelayMs: number;
  readonly timeoutMs: number;
}

function timeout(ms: number): Promise<never> {
  return new Promise((_, reject) => setTimeout(() => reject(new Error('timed out')), ms));
}

export async function fetchWithRetry(url: string, options: RetryOptions): Promise<string> {
  for (let retry = 0; ; retry += 1) {
    let response: Response | undefined;
    try {
      response = await Promise.race([fetch(url), timeout(options.timeoutMs)]);
    } catch (error) {
      if (retry >= options.retries) throw error;
    }
    if (response?.ok) return response.text();
    if (response && (response.status < 500 || retry >= options.retries)) throw new Error(`${url} answered ${response.status}`);
    await new Promise((resolve) => setTimeout(resolve, options.baseDelayMs * 2 ** retry));
  }
}
