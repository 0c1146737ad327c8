import type { Server, ServerOptions } from "node:http";
import type { Socket } from "node:net";
import type { Logger } from "../logger.ts";

/**
 * How long and how many: the limits that keep slow or greedy clients (slowloris, idle
 * keep-alives, floods of connections) from tying up the one HTTP port Slack also answers on.
 */
export interface ServerLimits {
  /** A client must finish sending its request headers within this (slowloris). */
  headersTimeoutMs: number;
  /** ...and the whole request, body included. */
  requestTimeoutMs: number;
  /** An idle keep-alive connection is closed after this. */
  keepAliveTimeoutMs: number;
  /** Connections beyond this are refused at once (the bot stays responsive to the rest). */
  maxConnections: number;
}

export const DEFAULT_SERVER_LIMITS: ServerLimits = {
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  keepAliveTimeoutMs: 5_000,
  maxConnections: 1024,
};

/** Options for `http.createServer` (ours, and Bolt's HTTPReceiver, which passes them through). */
export function serverOptions(limits: ServerLimits): ServerOptions {
  return {
    headersTimeout: limits.headersTimeoutMs,
    requestTimeout: limits.requestTimeoutMs,
    keepAliveTimeout: limits.keepAliveTimeoutMs,
    // Node checks the two timeouts above only this often (30 s by default, which would let a
    // slowloris connection live three times longer than headersTimeout says).
    connectionsCheckingInterval: Math.min(1000, limits.headersTimeoutMs),
    // Node's default, stated: a larger header block is a 431, never buffered.
    maxHeaderSize: 16 * 1024,
  };
}

const STATUS_TEXT: Record<number, string> = {
  400: "Bad Request",
  408: "Request Timeout",
  431: "Request Header Fields Too Large",
};

/**
 * Applies the limits that are properties rather than options, and answers protocol errors
 * (a malformed request line, oversized headers, a timeout) with a plain 4xx instead of Node's
 * silent default, logging them at debug level: they are the client's fault, not ours.
 */
export function hardenServer(server: Server, limits: ServerLimits, logger: Logger): Server {
  server.maxConnections = limits.maxConnections;
  server.headersTimeout = limits.headersTimeoutMs;
  server.requestTimeout = limits.requestTimeoutMs;
  server.keepAliveTimeout = limits.keepAliveTimeoutMs;
  server.maxHeadersCount = 200;
  server.on("clientError", (err: Error & { code?: string }, socket: Socket) => {
    logger.debug({ code: err.code }, "http client error");
    if (socket.writable && !socket.destroyed) {
      const status =
        err.code === "HPE_HEADER_OVERFLOW"
          ? 431
          : err.code === "ERR_HTTP_REQUEST_TIMEOUT"
            ? 408
            : 400;
      socket.end(
        `HTTP/1.1 ${status} ${STATUS_TEXT[status]}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`,
      );
    }
    socket.destroy();
  });
  return server;
}

/**
 * The path and query of a request-target, or null when it is not one we serve. Only the
 * origin form ("/path?query") and the absolute form ("http://host/path") are accepted; the
 * target is never resolved against a base (so "//host/x" is a path, not another host), and a
 * malformed one ("//[", "http://x:99999/") is null rather than an exception.
 */
export function requestTarget(raw: string | undefined): URL | null {
  if (!raw) return null;
  try {
    if (raw.startsWith("/")) return new URL(`http://localhost${raw}`);
    if (/^https?:\/\//i.test(raw)) {
      const u = new URL(raw);
      return new URL(`http://localhost${u.pathname}${u.search}`);
    }
  } catch {
    return null;
  }
  return null;
}
