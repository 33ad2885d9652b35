#!/usr/bin/env node
import { runMain } from "citty";
import { main } from "./main.js";

// No colour codes in pipes and files: citty's help honours NO_COLOR, and so does our output.
if (!process.stdout.isTTY && process.env.NO_COLOR === undefined && process.env.FORCE_COLOR === undefined) {
  process.env.NO_COLOR = "1";
}

await runMain(main);
