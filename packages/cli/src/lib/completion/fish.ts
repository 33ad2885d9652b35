import { commandPaths } from "../command-tree.js";
import type { CommandNode } from "../command-tree.js";

/** Quotes text for a fish single-quoted string. */
const quote = (text: string): string => `'${text.replaceAll("\\", "\\\\").replaceAll("'", "\\'")}'`;

/** A fish completion script for the tree: one `complete` line per sub-command and per flag. */
export function fishCompletion(root: CommandNode): string {
  const program = root.name;
  const lines = [`# ${program} completion for fish. Load it with:  ${program} completion fish | source`, `# or save it as ~/.config/fish/completions/${program}.fish`, `complete -c ${program} -e`];
  for (const { path, node } of commandPaths(root)) {
    // The command line holds exactly this path: every name of it, and none of its children.
    const seen = path.map((name) => `__fish_seen_subcommand_from ${name}`);
    const here = path.length === 0 ? "__fish_use_subcommand" : seen.join("; and ");
    const notDeeper = node.subCommands.length === 0 ? "" : `; and not __fish_seen_subcommand_from ${node.subCommands.map((sub) => sub.name).join(" ")}`;
    const condition = path.length === 0 ? here : `${here}${notDeeper}`;
    for (const sub of node.subCommands) {
      lines.push(`complete -c ${program} -f -n ${quote(condition)} -a ${quote(sub.name)} -d ${quote(sub.description)}`);
    }
    for (const flag of node.flags) {
      const short = flag.short.map((letter) => ` -s ${letter}`).join("");
      lines.push(`complete -c ${program} -n ${quote(condition)} -l ${flag.name}${short}${flag.takesValue ? " -r" : ""} -d ${quote(flag.description)}`);
    }
  }
  return `${lines.join("\n")}\n`;
}
