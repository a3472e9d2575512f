import { SignInFailure } from '../oidc.errors.js';

export interface FetchLimits {
  timeoutMs: number;
  /** An identity provider's answers are a few kilobytes; anything far larger is refused unread. */
  maxBytes: number;
}

export const DEFAULT_LIMITS: FetchLimits = { timeoutMs: 10_000, maxBytes: 256 * 1024 };

/**
 * fetch for talking to an identity provider, whose answers are hostile input: a deadline for the
 * whole exchange (headers and body) and a cap on the body, read incrementally so an endless answer
 * costs at most `maxBytes` of memory. Network failures become PROVIDER_UNAVAILABLE.
 */
export async function boundedFetch(
  url: string | URL,
  init: RequestInit,
  limits: FetchLimits,
): Promise<Response> {
  const deadline = AbortSignal.timeout(limits.timeoutMs);
  const signal = init.signal ? AbortSignal.any([init.signal, deadline]) : deadline;
  const where = new URL(url).pathname;
  let res: Response;
  try {
    res = await fetch(url, { ...init, signal, redirect: 'manual' });
  } catch (e) {
    throw new SignInFailure('PROVIDER_UNAVAILABLE', `${where}: ${describe(e, deadline)}`);
  }
  const declared = Number(res.headers.get('content-length') ?? 0);
  if (declared > limits.maxBytes) {
    await res.body?.cancel().catch(() => {});
    throw new SignInFailure(
      'PROVIDER_ERROR',
      `${where}: answer of ${declared} bytes (limit ${limits.maxBytes})`,
    );
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    if (res.body) {
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
        size += chunk.byteLength;
        if (size > limits.maxBytes) {
          await res.body.cancel().catch(() => {});
          throw new SignInFailure('PROVIDER_ERROR', `${where}: answer over ${limits.maxBytes} bytes`);
        }
        chunks.push(chunk);
      }
    }
  } catch (e) {
    if (e instanceof SignInFailure) throw e;
    throw new SignInFailure('PROVIDER_UNAVAILABLE', `${where}: ${describe(e, deadline)} while reading`);
  }
  // A fresh Response over the bytes read: the caller parses it as usual, and cannot read more.
  const body = [101, 204, 205, 304].includes(res.status) ? null : Buffer.concat(chunks);
  return new Response(body, { status: res.status, statusText: res.statusText, headers: res.headers });
}

function describe(e: unknown, deadline: AbortSignal): string {
  if (deadline.aborted) return 'no answer in time';
  const cause = (e as { cause?: { code?: string; message?: string } }).cause;
  return String(cause?.code ?? cause?.message ?? (e as Error)?.message ?? e).slice(0, 200);
}
