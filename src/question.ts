import { splitCommandLine } from "./dispatcher.ts";

/**
 * A message addressed to the bot (a mention, a direct message) as a command line. A command
 * written with its slash ("/strike add …") runs as that command, and "help" is help; anything
 * else is a question about strikes ("who's striking tomorrow in Wales?") and goes to /strikes,
 * whose grammar reads the time window first and drops words that carry no filter. A bare
 * "strike …" is a question too: people ask "strike days next week?", they do not mean /strike.
 */
export function readQuestion(text: string): { command: string; text: string } {
  const trimmed = text.trim();
  if (trimmed.startsWith("/")) return splitCommandLine(trimmed);
  if (/^help\b/i.test(trimmed)) return splitCommandLine(trimmed);
  return { command: "strikes", text: trimmed };
}
