import { lookup as dnsLookup } from "node:dns/promises";
import type { LookupAddress } from "node:dns";
import type { LookupFunction, Socket } from "node:net";
import { Agent, buildConnector } from "undici";
import { RefusedAddressError, refusal, type NetworkPolicy } from "./address-policy.ts";

const systemResolve = (hostname: string) => dnsLookup(hostname, { all: true, verbatim: true });

/**
 * A `lookup` for net.connect that resolves through the policy's resolver and refuses the name
 * if any address it resolves to is refused (a name that points at 127.0.0.1 or at an internal
 * host is refused even when it also has a public address: that is how rebinding works).
 */
function guardedLookup(policy: NetworkPolicy): LookupFunction {
  const resolve = policy.resolve ?? systemResolve;
  return (hostname, options, callback) => {
    resolve(hostname).then(
      (found) => {
        const family = typeof options.family === "number" ? options.family : 0;
        const usable = found.filter((f) => family === 0 || f.family === family);
        if (usable.length === 0) {
          const err = Object.assign(new Error(`${hostname} has no address`), { code: "ENOTFOUND" });
          return callback(err, "", 0);
        }
        for (const f of usable) {
          const why = refusal(f.address, policy, hostname);
          if (why)
            return callback(new RefusedAddressError(`${hostname} resolves to ${why}`), "", 0);
        }
        if (options.all)
          (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, usable);
        else callback(null, usable[0]!.address, usable[0]!.family);
      },
      (e: Error) => callback(e as NodeJS.ErrnoException, "", 0),
    );
  };
}

/**
 * An undici dispatcher whose every connection is checked twice: the name is resolved through
 * the guarded lookup (so no packet goes to a refused address), and the address the socket
 * really connected to is checked again before a byte of the request is written (covering IP
 * literals, which skip the lookup, and anything the resolver did not see).
 */
export function safeDispatcher(policy: NetworkPolicy): Agent {
  const connect = buildConnector({ lookup: guardedLookup(policy) });
  return new Agent({
    connect: (opts, callback) => {
      connect(opts, (err, socket) => {
        if (err || !socket) return callback(err ?? new Error("no socket"), null);
        const remote = (socket as Socket).remoteAddress;
        const why = remote ? refusal(remote, policy, opts.hostname) : "an unknown address";
        if (why) {
          socket.destroy();
          return callback(new RefusedAddressError(`${opts.hostname} is ${why}`), null);
        }
        callback(null, socket);
      });
    },
  });
}
