/** The TCP handles and timers this process holds (what a leak would leave behind). */
export function networkHandles(): string[] {
  return process.getActiveResourcesInfo().filter((name) => name.startsWith("TCP") || name === "Timeout").sort();
}

function leaked(baseline: readonly string[], current: readonly string[]): string[] {
  const left = [...current];
  for (const name of baseline) {
    const index = left.indexOf(name);
    if (index !== -1) left.splice(index, 1);
  }
  return left;
}

/**
 * Resolves the TCP handles and timers that exist now and did not at `baseline` (a closed
 * handle is released on a later event loop turn, so this polls a few turns first).
 */
export async function leakedHandles(baseline: readonly string[]): Promise<string[]> {
  let extra = leaked(baseline, networkHandles());
  for (let turn = 0; turn < 50 && extra.length > 0; turn++) {
    await new Promise((resolve) => setTimeout(resolve, 10));
    extra = leaked(baseline, networkHandles());
  }
  return extra;
}
