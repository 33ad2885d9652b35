import { Generator } from "../generator.js";

let defaultGenerator: Generator | undefined;

/** The process-wide generator behind the `rand*` functions, instantiated on first use (no work at import). */
export function getDefaultGenerator(): Generator {
  defaultGenerator ??= new Generator({ personalization: "@sslkit/rand default generator" });
  return defaultGenerator;
}
