/**
 * At most one request per host at a time: a news site sees this bot as one polite reader,
 * however many of its feeds and articles are due together.
 */
export class HostQueue {
  private readonly tails = new Map<string, Promise<unknown>>();

  run<T>(url: string, task: () => Promise<T>): Promise<T> {
    const host = new URL(url).host;
    const tail = this.tails.get(host) ?? Promise.resolve();
    const next = tail.then(task, task);
    const settled = next.catch(() => undefined);
    this.tails.set(host, settled);
    void settled.then(() => {
      if (this.tails.get(host) === settled) this.tails.delete(host);
    });
    return next;
  }
}
