import { fetch as undiciFetch, type Dispatcher } from "undici";
import {
  RefusedAddressError,
  STRICT_NETWORK,
  urlRefusal,
  type NetworkPolicy,
} from "./address-policy.ts";
import { safeDispatcher } from "./safe-network.ts";

export interface FetchLimits {
  timeoutMs: number;
  maxBytes: number;
  maxRedirects: number;
  userAgent: string;
}

export const DEFAULT_LIMITS: FetchLimits = {
  timeoutMs: 15_000,
  maxBytes: 5 * 1024 * 1024,
  maxRedirects: 5,
  userAgent: "strikewatch/0.1 (+https://github.com/strikewatch; strike news reader)",
};

export type FetchResult =
  | {
      kind: "ok";
      url: string;
      body: string;
      etag: string | null;
      lastModified: string | null;
      /** Cache-Control max-age, in seconds. */
      maxAgeS: number | null;
      contentType: string;
    }
  | { kind: "not_modified"; maxAgeS: number | null }
  | { kind: "failed"; reason: string; retryAfterS: number | null; permanent: boolean };

/** "Retry-After: 120" or an HTTP date; seconds from now. */
export function parseRetryAfter(value: string | null, now: Date): number | null {
  if (!value) return null;
  if (/^\d+$/.test(value.trim())) return Number(value.trim());
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, Math.round((at - now.getTime()) / 1000));
}

function maxAge(cacheControl: string | null): number | null {
  const m = /max-age=(\d+)/i.exec(cacheControl ?? "");
  return m ? Number(m[1]) : null;
}

const failed = (
  reason: string,
  permanent = false,
  retryAfterS: number | null = null,
): FetchResult => ({
  kind: "failed",
  reason,
  permanent,
  retryAfterS,
});

/**
 * GET with everything a well-behaved poller needs: conditional headers (a 304 costs nothing),
 * a timeout over the whole exchange, a cap on the (decompressed) body so a 50 MB page or a gzip
 * bomb is cut off, redirects followed by hand with a limit and loop detection, and failures as
 * values with a reason a person can read.
 */
export async function politeFetch(
  url: string,
  opts: {
    etag?: string | null;
    lastModified?: string | null;
    accept?: string;
    now: Date;
    limits?: Partial<FetchLimits>;
    /** Which addresses may be reached (strict by default: public unicast only). */
    network?: NetworkPolicy;
    /** Aborts the exchange from outside (shutdown, the feed's deadline for its pass). */
    signal?: AbortSignal;
  },
): Promise<FetchResult> {
  const limits = { ...DEFAULT_LIMITS, ...opts.limits };
  const network = opts.network ?? STRICT_NETWORK;
  const timeout = AbortSignal.timeout(limits.timeoutMs);
  const signal = opts.signal ? AbortSignal.any([timeout, opts.signal]) : timeout;
  const seen = new Set<string>();
  let current = url;
  try {
    for (let hop = 0; ; hop++) {
      if (seen.has(current)) return failed(`redirect loop at ${current}`, true);
      seen.add(current);
      // Every hop (the feed, each redirect, an article link) is checked, here for its scheme
      // and literal address, and again by the dispatcher for the address it connects to.
      const target = new URL(current);
      if (target.protocol !== "http:" && target.protocol !== "https:")
        return failed(`refused: ${target.protocol} URLs are not fetched`, true);
      const literal = urlRefusal(target, network);
      if (literal) return failed(refusedReason(target.hostname, literal), true);
      const headers: Record<string, string> = {
        "user-agent": limits.userAgent,
        accept:
          opts.accept ??
          "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5",
        "accept-encoding": "gzip, deflate, br",
      };
      if (hop === 0 && opts.etag) headers["if-none-match"] = opts.etag;
      if (hop === 0 && opts.lastModified) headers["if-modified-since"] = opts.lastModified;
      const res = await undiciFetch(current, {
        headers,
        redirect: "manual",
        signal,
        dispatcher: dispatcherFor(network),
      });
      if (res.status >= 300 && res.status < 400 && res.status !== 304) {
        await res.body?.cancel();
        const location = res.headers.get("location");
        if (!location) return failed(`HTTP ${res.status} without a Location`, true);
        if (hop + 1 > limits.maxRedirects)
          return failed(`more than ${limits.maxRedirects} redirects`, true);
        current = new URL(location, current).toString();
        continue;
      }
      const cacheMaxAge = maxAge(res.headers.get("cache-control"));
      if (res.status === 304) {
        await res.body?.cancel();
        return { kind: "not_modified", maxAgeS: cacheMaxAge };
      }
      if (res.status === 429 || res.status === 503) {
        await res.body?.cancel();
        return failed(
          `HTTP ${res.status} (busy)`,
          false,
          parseRetryAfter(res.headers.get("retry-after"), opts.now),
        );
      }
      if (!res.ok) {
        await res.body?.cancel();
        return failed(`HTTP ${res.status}`, res.status === 404 || res.status === 410);
      }
      const declared = Number(res.headers.get("content-length") ?? NaN);
      if (declared > limits.maxBytes) {
        await res.body?.cancel();
        return failed(`body of ${declared} bytes is over the ${limits.maxBytes}-byte limit`);
      }
      const bytes = await readCapped(res, limits.maxBytes);
      if (bytes === null) return failed(`body is over the ${limits.maxBytes}-byte limit`);
      const contentType = res.headers.get("content-type") ?? "";
      return {
        kind: "ok",
        url: current,
        body: decode(bytes, contentType),
        etag: res.headers.get("etag"),
        lastModified: res.headers.get("last-modified"),
        maxAgeS: cacheMaxAge,
        contentType,
      };
    }
  } catch (e) {
    const err = e as Error & { cause?: { code?: string; message?: string } };
    if (err.cause instanceof RefusedAddressError)
      return failed(refusedReason(null, err.cause.message), true);
    if (opts.signal?.aborted && !timeout.aborted) {
      const why = opts.signal.reason as Error | undefined;
      return failed(
        why?.name === "TimeoutError"
          ? "stopped: the feed's pass ran out of time"
          : `stopped: ${why?.message ?? "aborted"}`,
      );
    }
    if (err.name === "TimeoutError" || err.name === "AbortError")
      return failed(`no answer within ${limits.timeoutMs / 1000} s`);
    const detail = err.cause?.code ?? err.cause?.message ?? err.message;
    return failed(`cannot fetch (${detail})`);
  }
}

const dispatchers = new WeakMap<NetworkPolicy, Dispatcher>();

function dispatcherFor(policy: NetworkPolicy): Dispatcher {
  let d = dispatchers.get(policy);
  if (!d) dispatchers.set(policy, (d = safeDispatcher(policy)));
  return d;
}

/** A refusal in words, naming the setting that lifts it (and no resolved address). */
function refusedReason(host: string | null, why: string): string {
  return `refused: ${host ? `${host} is ${why}` : why} (not fetched; an operator can allow it with FEEDS_ALLOW_PRIVATE)`;
}

type Response = Awaited<ReturnType<typeof undiciFetch>>;

async function readCapped(res: Response, max: number): Promise<Uint8Array | null> {
  if (!res.body) return new Uint8Array();
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > max) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

/** Bytes to text by the declared charset; invalid sequences become U+FFFD, never an exception. */
function decode(bytes: Uint8Array, contentType: string): string {
  const declared =
    /charset=["']?([\w-]+)/i.exec(contentType)?.[1] ??
    /^<\?xml[^>]*encoding=["']([\w-]+)["']/i.exec(
      new TextDecoder("latin1").decode(bytes.slice(0, 200)),
    )?.[1] ??
    "utf-8";
  try {
    return new TextDecoder(declared.toLowerCase()).decode(bytes);
  } catch {
    return new TextDecoder("utf-8").decode(bytes);
  }
}
