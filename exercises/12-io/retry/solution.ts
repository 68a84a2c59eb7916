import { setTimeout as sleep } from 'node:timers/promises';

export interface RetryOptions {
  /** How many times to try again after the first attempt fails. */
  readonly retries: number;
  /** The wait before the first retry; it doubles before each later one. */
  readonly baseDelayMs: number;
  /** How long one attempt may take before it is aborted. */
  readonly timeoutMs: number;
}

/** An answer that retrying will not change (a 4xx). */
class FinalError extends Error {}

async function attempt(url: string, timeoutMs: number): Promise<string> {
  // A fresh signal per attempt: a signal that has fired stays aborted.
  const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
  if (response.status >= 400 && response.status < 500) throw new FinalError(`${url} answered ${response.status}`);
  if (!response.ok) throw new Error(`${url} answered ${response.status}`);
  return response.text();
}

/**
 * Fetch `url` and return the body as text. Retry a 5xx answer, a network error or an
 * attempt that took longer than `timeoutMs`, waiting `baseDelayMs * 2 ** (n - 1)` ms
 * before retry n. A 4xx answer is final. Throw once every attempt has failed.
 */
export async function fetchWithRetry(url: string, options: RetryOptions): Promise<string> {
  for (let retry = 0; ; retry += 1) {
    try {
      return await attempt(url, options.timeoutMs);
    } catch (error) {
      if (error instanceof FinalError || retry >= options.retries) throw error;
    }
    await sleep(options.baseDelayMs * 2 ** retry);
  }
}
