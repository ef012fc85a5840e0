/** Test helper: makes any network attempt in this thread fail loudly and records it. */
import net from 'node:net';

export interface NetGuard {
  attempts: string[];
  restore(): void;
}

export function blockNetwork(): NetGuard {
  const attempts: string[] = [];
  const proto = net.Socket.prototype as unknown as { connect: (...args: unknown[]) => unknown };
  const originalConnect = proto.connect;
  const originalFetch = globalThis.fetch;
  proto.connect = function (...args: unknown[]) {
    attempts.push(`socket ${JSON.stringify(args[0])}`);
    throw new Error('network blocked by test');
  };
  globalThis.fetch = ((input: unknown) => {
    attempts.push(`fetch ${String(input)}`);
    return Promise.reject(new Error('network blocked by test'));
  }) as typeof fetch;
  return {
    attempts,
    restore() {
      proto.connect = originalConnect;
      globalThis.fetch = originalFetch;
    },
  };
}
