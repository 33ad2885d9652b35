import { defineCommand } from "citty";
import { CLIError, ExitCode, reportError } from "../lib/exit.js";
import { readCommandTree } from "../lib/command-tree.js";
import type { CommandNode } from "../lib/command-tree.js";
import { bashCompletion } from "../lib/completion/bash.js";
import { fishCompletion } from "../lib/completion/fish.js";
import { zshCompletion } from "../lib/completion/zsh.js";

const GENERATORS: Readonly<Record<string, (root: CommandNode) => string>> = { bash: bashCompletion, zsh: zshCompletion, fish: fishCompletion };

export default defineCommand({
  meta: { name: "completion", description: "Print a shell completion script for bash, zsh or fish" },
  args: {
    shell: { type: "positional", description: 'bash, zsh or fish; e.g. eval "$(sslkit completion bash)"', required: false },
    json: { type: "boolean", description: "Print the command tree the scripts are made from as one JSON document, instead of a script" },
    debug: { type: "boolean", description: "Show stack traces" },
  },
  async run({ args }) {
    try {
      const shell = args._[0];
      if (args.json) {
        if (shell !== undefined) throw new CLIError("completion: --json prints the command tree and takes no shell", ExitCode.USAGE);
        const { main } = await import("../main.js");
        process.stdout.write(`${JSON.stringify(await readCommandTree(main), null, 2)}\n`);
        return;
      }
      const generate = shell === undefined ? undefined : GENERATORS[shell];
      if (generate === undefined || args._.length > 1) {
        throw new CLIError(`completion needs one shell: bash, zsh or fish${shell === undefined ? "" : `, not ${JSON.stringify(args._.join(" "))}`}`, ExitCode.USAGE);
      }
      // Loaded here, not at the top: main lists this module, and only this command needs the tree.
      const { main } = await import("../main.js");
      process.stdout.write(generate(await readCommandTree(main)));
    } catch (error) {
      reportError(error, args.debug === true);
    }
  },
});
