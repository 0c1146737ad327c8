/** A chat platform the bot listens on. The composition root starts and stops them. */
export interface Adapter {
  readonly name: string;
  start(): Promise<void>;
  stop(): Promise<void>;
}
