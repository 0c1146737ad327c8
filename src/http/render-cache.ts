import { createHash } from "node:crypto";

export interface Rendered {
  status: number;
  type: string;
  body: string;
  etag: string;
  headers?: Record<string, string>;
}

/**
 * Rendered answers kept per request until the data changes: each entry remembers the store's
 * change counter (`latestSeq()`) it was made at, and a lookup at any other counter misses. A busy
 * page or a calendar app polling every few minutes then costs one counter read, not a query and
 * a render. Bounded in entries and in bytes (least recently used goes first), and concurrent
 * misses for the same key share one render.
 */
export class RenderCache {
  private readonly entries = new Map<string, { seq: number; value: Rendered }>();
  private readonly pending = new Map<string, { seq: number; promise: Promise<Rendered> }>();
  private bytes = 0;

  constructor(
    private readonly maxEntries = 200,
    private readonly maxBytes = 32 * 1024 * 1024,
  ) {}

  /** The cached answer for `key` at `seq`, or the one `make` renders (then kept). */
  async get(key: string, seq: number, make: () => Promise<Rendered>): Promise<Rendered> {
    const hit = this.entries.get(key);
    if (hit && hit.seq === seq) {
      // Refresh its place in the LRU order.
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit.value;
    }
    const inFlight = this.pending.get(key);
    if (inFlight && inFlight.seq === seq) return inFlight.promise;
    const promise = make().then(
      (value) => {
        this.pending.delete(key);
        this.put(key, seq, value);
        return value;
      },
      (e: unknown) => {
        this.pending.delete(key);
        throw e;
      },
    );
    this.pending.set(key, { seq, promise });
    return promise;
  }

  private put(key: string, seq: number, value: Rendered): void {
    const old = this.entries.get(key);
    if (old) {
      this.bytes -= old.value.body.length;
      this.entries.delete(key);
    }
    if (value.body.length > this.maxBytes / 4) return;
    this.entries.set(key, { seq, value });
    this.bytes += value.body.length;
    while (this.entries.size > this.maxEntries || this.bytes > this.maxBytes) {
      const [oldest, entry] = this.entries.entries().next().value!;
      this.entries.delete(oldest);
      this.bytes -= entry.value.body.length;
    }
  }

  get size(): number {
    return this.entries.size;
  }
}

/** A strong ETag from the body itself: it changes exactly when what the reader gets changes. */
export function etagOf(body: string): string {
  return `"${createHash("sha1").update(body).digest("base64url")}"`;
}
