import { TimeoutError } from "@sslkit/errors";

/**
 * Races `promise` against a timeout of `seconds` (`null`: wait forever). The timer is always
 * cleared, so nothing keeps the event loop alive after the operation settles.
 */
export function withTimeout<T>(promise: Promise<T>, seconds: number | null, message: string): Promise<T> {
  if (seconds === null) return promise;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => {
      reject(new TimeoutError(message));
    }, Math.max(0, seconds * 1000));
  });
  return Promise.race([promise, timeout]).finally(() => {
    clearTimeout(timer);
  });
}

/** A one-shot broadcast: every `wait()` before the next `notify()` resolves together. */
export class Signal {
  #pending: { promise: Promise<void>; resolve: () => void } | null = null;

  wait(): Promise<void> {
    if (this.#pending === null) {
      let resolve!: () => void;
      const promise = new Promise<void>((r) => {
        resolve = r;
      });
      this.#pending = { promise, resolve };
    }
    return this.#pending.promise;
  }

  notify(): void {
    const pending = this.#pending;
    this.#pending = null;
    pending?.resolve();
  }
}
