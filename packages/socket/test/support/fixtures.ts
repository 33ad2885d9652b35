import { afterAll, afterEach, beforeEach, expect } from "vitest";
import type { TestPKI } from "@sslkit/test-utils";
import { leakedHandles, networkHandles } from "./handles.js";
import { filePKI } from "./pki.js";

/** What `useSocketFixtures()` gives a test file. */
export interface SocketFixtures {
  /** The file's PKI, removed after its last test. */
  readonly pki: TestPKI;
  /** Closes `value` after the test (the last one passed, first); returns it. */
  readonly later: <T extends { close(): Promise<unknown> }>(value: T) => T;
}

/**
 * Registers the lifecycle most socket test files share: one PKI for the file, what a test
 * passes to `later()` closed after it, then a check that the test left no TCP handle or timer
 * behind. Call it once, at the top of the file.
 */
export function useSocketFixtures(): SocketFixtures {
  const pki = filePKI();
  const closers: (() => Promise<unknown>)[] = [];
  let baseline: string[] = [];

  beforeEach(() => {
    baseline = networkHandles();
  });

  afterEach(async () => {
    for (const close of closers.splice(0).reverse()) await close();
    expect(await leakedHandles(baseline)).toEqual([]);
  });

  afterAll(() => {
    pki.dir.remove();
  });

  return {
    pki,
    later: (value) => {
      closers.push(() => value.close());
      return value;
    },
  };
}
