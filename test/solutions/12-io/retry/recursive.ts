// A correct alternative: recursion, an AbortController with its own timer, and a little
// random jitter added on top of the exponential wait.
export interface RetryOptions {
  readonly retries: number;
  readonly baseDelayMs: number;
  readonly timeoutMs: number;
}

const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

async function once(url: string, timeoutMs: number): Promise<Response> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
  try {
    const response = await fetch(url, { signal: controller.signal });
    await response.clone().arrayBuffer(); // the body must also arrive before the deadline
    return response;
  } finally {
    clearTimeout(timer);
  }
}

export async function fetchWithRetry(url: string, options: RetryOptions, attempt = 0): Promise<string> {
  let response: Response | undefined;
  let failure: unknown;
  try {
    response = await once(url, options.timeoutMs);
    if (response.ok) return await response.text();
    failure = new Error(`${url} answered ${response.status}`);
  } catch (error) {
    failure = error;
  }
  const permanent = response !== undefined && response.status < 500;
  if (permanent || attempt >= options.retries) throw failure;
  const wait = options.baseDelayMs * 2 ** attempt;
  await pause(wait + Math.random() * wait * 0.25);
  return fetchWithRetry(url, options, attempt + 1);
}
