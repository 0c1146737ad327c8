import { connect } from "node:net";

/**
 * Sends bytes over a raw socket, as a hostile client would (fetch refuses to send a malformed
 * request-target), and returns what came back before the server closed or `waitMs` passed.
 */
export function rawRequest(port: number, bytes: string | Buffer, waitMs = 3000): Promise<string> {
  return new Promise((resolve) => {
    let got = "";
    const socket = connect(port, "127.0.0.1", () => socket.write(bytes));
    const done = () => {
      clearTimeout(timer);
      socket.destroy();
      resolve(got);
    };
    // A hang guard, not a latency check: a server that never answers gives "".
    const timer = setTimeout(done, waitMs);
    socket.setEncoding("latin1");
    socket.on("data", (d: string) => {
      got += d;
      // One answer is enough: keep-alive would otherwise hold the socket open.
      if (/\r\n\r\n/.test(got)) done();
    });
    socket.on("error", done);
    socket.on("close", done);
  });
}

/** The status code of a raw answer ("HTTP/1.1 400 Bad Request" → 400), or null if none. */
export function statusOf(answer: string): number | null {
  const m = /^HTTP\/1\.[01] (\d{3})/.exec(answer);
  return m ? Number(m[1]) : null;
}

/** Requests that have crashed or confused HTTP servers: malformed targets, methods, headers. */
export const MALFORMED_REQUESTS: readonly { name: string; bytes: string }[] = [
  { name: "GET //[", bytes: "GET //[ HTTP/1.1\r\nHost: x\r\n\r\n" },
  { name: "GET http://[", bytes: "GET http://[ HTTP/1.1\r\nHost: x\r\n\r\n" },
  {
    name: "absolute-form with port 99999",
    bytes: "GET http://x:99999/ HTTP/1.1\r\nHost: x\r\n\r\n",
  },
  { name: "GET //healthz[x", bytes: "GET //healthz[x HTTP/1.1\r\nHost: x\r\n\r\n" },
  { name: "broken percent-encoding", bytes: "GET /%E0%A4%A HTTP/1.1\r\nHost: x\r\n\r\n" },
  { name: "OPTIONS *", bytes: "OPTIONS * HTTP/1.1\r\nHost: x\r\n\r\n" },
  { name: "unknown method", bytes: "BREW /healthz HTTP/1.1\r\nHost: x\r\n\r\n" },
  { name: "DELETE /", bytes: "DELETE / HTTP/1.1\r\nHost: x\r\n\r\n" },
  {
    name: "POST /calendar.ics",
    bytes: "POST /calendar.ics HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabc",
  },
  {
    name: "a 64 KB header",
    bytes: `GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: ${"a".repeat(64 * 1024)}\r\n\r\n`,
  },
  {
    name: "10,000 headers",
    bytes: `GET / HTTP/1.1\r\nHost: x\r\n${Array.from({ length: 10_000 }, (_, i) => `X-${i}: 1\r\n`).join("")}\r\n`,
  },
  { name: "HTTP/9.9", bytes: "GET / HTTP/9.9\r\nHost: x\r\n\r\n" },
  { name: "binary garbage", bytes: "\u0000\u0001\u0002\u00ff\r\n\r\n" },
  { name: "a NUL in the target", bytes: "GET /?union=R\u0000CN HTTP/1.1\r\nHost: x\r\n\r\n" },
  { name: "a bad date", bytes: "GET /calendar.ics?from=2023-99-99 HTTP/1.1\r\nHost: x\r\n\r\n" },
  {
    name: "conflicting lengths",
    bytes:
      "GET / HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
  },
];
