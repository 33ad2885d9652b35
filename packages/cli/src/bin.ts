#!/usr/bin/env node
// No colour codes in pipes and files, nor with NO_COLOR (https://no-color.org). citty decides once,
// when it is first imported, and only for NO_COLOR=1: so set that first, then import it.
if (process.env.NO_COLOR !== undefined && process.env.NO_COLOR !== "") {
  process.env.NO_COLOR = "1";
} else if (!process.stdout.isTTY && process.env.NO_COLOR === undefined && process.env.FORCE_COLOR === undefined) {
  process.env.NO_COLOR = "1";
}

const args = process.argv.slice(2);
if (args.length === 1 && (args[0] === "--version" || args[0] === "-v")) {
  // The most frequent scripted call answers without loading the argument parser (≈ 10 ms of
  // start-up); this is the only place `--version` is handled.
  const { default: packageJson } = await import("../package.json", { with: { type: "json" } });
  process.stdout.write(`${packageJson.version}\n`);
} else {
  const { runMain } = await import("./lib/run-main.js");
  const { main } = await import("./main.js");
  await runMain(main, args);
}
