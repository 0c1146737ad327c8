import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export type Route = (req: IncomingMessage, res: ServerResponse) => void;

/** A local news site for poller tests: routes by path, counts requests and their overlap per host. */
export class NewsSite {
  readonly requests: { path: string; headers: IncomingMessage["headers"] }[] = [];
  maxConcurrent = 0;
  private active = 0;
  private server: Server | undefined;
  private readonly routes = new Map<string, Route>();

  route(path: string, handler: Route): this {
    this.routes.set(path, handler);
    return this;
  }

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      const path = new URL(req.url ?? "/", "http://x").pathname;
      this.requests.push({ path, headers: req.headers });
      this.active++;
      this.maxConcurrent = Math.max(this.maxConcurrent, this.active);
      res.on("close", () => this.active--);
      const handler = this.routes.get(path);
      if (!handler) {
        res.writeHead(404).end("not found");
        return;
      }
      handler(req, res);
    });
    await new Promise<void>((r) => this.server!.listen(0, "127.0.0.1", r));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  count(path: string): number {
    return this.requests.filter((r) => r.path === path).length;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((r) => this.server?.close(() => r()) ?? r());
  }
}

export interface FixtureItem {
  guid?: string;
  title: string;
  description: string;
  link?: string;
  pubDate: string;
}

export function rss(
  items: readonly FixtureItem[],
  opts: { title?: string; ttl?: number } = {},
): string {
  const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;");
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>${esc(opts.title ?? "Test News")}</title><link>http://news.test/</link>
${opts.ttl ? `<ttl>${opts.ttl}</ttl>` : ""}
${items
  .map(
    (i) => `<item><title>${esc(i.title)}</title><description>${esc(i.description)}</description>
${i.link ? `<link>${esc(i.link)}</link>` : ""}${i.guid ? `<guid>${esc(i.guid)}</guid>` : ""}<pubDate>${i.pubDate}</pubDate></item>`,
  )
  .join("\n")}
</channel></rss>`;
}
