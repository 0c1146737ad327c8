// Runs in a worker thread (see runClients): HTTP clients on their own event loop, so the
// server's loop delay is measured without the clients' own parsing in it.
import { parentPort, workerData, Worker } from "node:worker_threads";

export interface ClientLoad {
  base: string;
  /** One list of paths per client; each client cycles through its own. */
  clients: string[][];
  seconds: number;
}

export interface ClientReport {
  requests: number;
  bytes: number;
  errors: number;
  statuses: Record<string, number>;
}

async function drive({ base, clients, seconds }: ClientLoad): Promise<ClientReport> {
  const end = performance.now() + seconds * 1000;
  const report: ClientReport = { requests: 0, bytes: 0, errors: 0, statuses: {} };
  const client = async (paths: string[], n: number) => {
    // Calendar apps poll with the ETag they were given, so their repeat fetches are conditional.
    const etags = new Map<string, string>();
    for (let i = n; performance.now() < end; i++) {
      const path = paths[i % paths.length]!;
      try {
        const etag = etags.get(path);
        const res = await fetch(base + path, etag ? { headers: { "if-none-match": etag } } : {});
        const body = await res.arrayBuffer();
        const next = res.headers.get("etag");
        if (next) etags.set(path, next);
        report.requests++;
        report.bytes += body.byteLength;
        report.statuses[res.status] = (report.statuses[res.status] ?? 0) + 1;
        if (res.status >= 500) report.errors++;
      } catch {
        report.errors++;
      }
    }
  };
  await Promise.all(clients.map((paths, n) => client(paths, n)));
  return report;
}

/** Starts the clients in a worker thread (through the same TypeScript loader) and waits for them. */
export function runClients(load: ClientLoad): Promise<ClientReport> {
  const file = JSON.stringify(import.meta.url);
  const worker = new Worker(
    `import("tsx/esm/api").then((m) => { m.register(); return import(${file}); });`,
    { eval: true, workerData: load },
  );
  return new Promise((resolve, reject) => {
    worker.once("message", (r: ClientReport) => {
      resolve(r);
      void worker.terminate();
    });
    worker.once("error", reject);
  });
}

if (parentPort && (workerData as ClientLoad | undefined)?.clients) {
  const port = parentPort;
  void drive(workerData as ClientLoad).then((r) => port.postMessage(r));
}
