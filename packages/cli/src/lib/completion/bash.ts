import { commandPaths } from "../command-tree.js";
import type { CommandNode } from "../command-tree.js";
import { flagSpellings, singleQuote as quote } from "./shell-words.js";

/**
 * A bash completion script for the tree: sub-command names, then each command's flags; after a
 * flag that takes a value (and for positionals) bash completes file names (`complete -o default`).
 */
export function bashCompletion(root: CommandNode): string {
  const program = root.name;
  const entries = commandPaths(root);
  const paths = entries.filter(({ path }) => path.length > 0).map(({ path }) => quote(path.join(" ")));
  const cases = entries.map(({ path, node }) => {
    const flags = node.flags.flatMap(flagSpellings);
    const valued = node.flags.filter((flag) => flag.takesValue).flatMap(flagSpellings);
    return [
      `    ${quote(path.join(" "))})`,
      `      commands=${quote(node.subCommands.map((sub) => sub.name).join(" "))}`,
      `      flags=${quote(flags.join(" "))}`,
      `      valued=${quote(valued.join(" "))}`,
      "      ;;",
    ].join("\n");
  });
  const fn = `_${program.replaceAll(/[^A-Za-z0-9_]/g, "_")}_completion`;
  return `# ${program} completion for bash. Load it with:  eval "$(${program} completion bash)"
# or save it as ~/.local/share/bash-completion/completions/${program}
${fn}() {
  local cur="\${COMP_WORDS[COMP_CWORD]}" prev="\${COMP_WORDS[COMP_CWORD-1]}"
  local cmdpath="" word i commands flags valued
  for ((i = 1; i < COMP_CWORD; i++)); do
    word="\${COMP_WORDS[i]}"
    case "\${cmdpath:+$cmdpath }$word" in
      ${paths.join("|") || "''"}) cmdpath="\${cmdpath:+$cmdpath }$word" ;;
    esac
  done
  case "$cmdpath" in
${cases.join("\n")}
    *) return 0 ;;
  esac
  # After a flag that takes a value, let bash complete file names.
  case " $valued " in *" $prev "*) return 0 ;; esac
  if [[ "$cur" == -* ]]; then
    COMPREPLY=($(compgen -W "$flags" -- "$cur"))
  elif [[ -n "$commands" ]]; then
    COMPREPLY=($(compgen -W "$commands" -- "$cur"))
  fi
}
complete -o default -F ${fn} ${program}
`;
}
