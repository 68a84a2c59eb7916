export interface RetryOptions {
  /** How many times to try again after the first attempt fails. */
  readonly retries: number;
  /** The wait before the first retry; it doubles before each later one. */
  readonly baseDelayMs: number;
  /** How long one attempt may take before it is aborted. */
  readonly timeoutMs: number;
}

/**
 * Fetch `url` and return the body as text. Retry a 5xx answer, a network error or an
 * attempt that took longer than `timeoutMs`, waiting `baseDelayMs * 2 ** (n - 1)` ms
 * before retry n. A 4xx answer is final. Throw once every attempt has failed.
 */
export async function fetchWithRetry(url: string, options: RetryOptions): Promise<string> {
  // TODO: abort an attempt after options.timeoutMs, and retry failed attempts
  // (up to options.retries times) with a growing wait in between.
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url} answered ${response.status}`);
  return response.text();
}
