import { commandPaths } from "../command-tree.js";
import type { CommandNode } from "../command-tree.js";
import { flagSpellings, singleQuote as quote } from "./shell-words.js";

/** Quotes a `name:description` entry for zsh's `_describe` (colons in the name escaped). */
const entry = (name: string, description: string): string => quote(`${name.replaceAll(":", "\\:")}:${description}`);

/** A native zsh completion function (`#compdef`) for the tree: sub-commands and flags with descriptions. */
export function zshCompletion(root: CommandNode): string {
  const program = root.name;
  const entries = commandPaths(root);
  const paths = entries.filter(({ path }) => path.length > 0).map(({ path }) => quote(path.join(" ")));
  const cases = entries.map(({ path, node }) => {
    const commands = node.subCommands.map((sub) => entry(sub.name, sub.description));
    const flags = node.flags.flatMap((flag) => flagSpellings(flag).map((spelling) => entry(spelling, flag.description)));
    const valued = node.flags.filter((flag) => flag.takesValue).flatMap(flagSpellings);
    return [
      `    ${quote(path.join(" "))})`,
      `      commands=(${commands.join(" ")})`,
      `      flags=(${flags.join(" ")})`,
      `      valued=(${valued.join(" ")})`,
      "      ;;",
    ].join("\n");
  });
  const fn = `_${program.replaceAll(/[^A-Za-z0-9_]/g, "_")}`;
  return `#compdef ${program}
# ${program} completion for zsh. Load it with:  eval "$(${program} completion zsh)"
# or save it as _${program} in a directory of your $fpath.
${fn}() {
  local cmdpath="" word i
  local -a commands flags valued
  for ((i = 2; i < CURRENT; i++)); do
    word="\${words[i]}"
    case "\${cmdpath:+$cmdpath }$word" in
      ${paths.join("|") || "''"}) cmdpath="\${cmdpath:+$cmdpath }$word" ;;
    esac
  done
  case "$cmdpath" in
${cases.join("\n")}
    *) _files; return ;;
  esac
  if (( \${valued[(Ie)\${words[CURRENT-1]}]} )); then
    _files
  elif [[ "\${words[CURRENT]}" == -* ]]; then
    _describe -t flags 'flag' flags
  elif (( \${#commands} )); then
    _describe -t commands 'command' commands
  else
    _files
  fi
}
if [[ "\${zsh_eval_context[-1]}" == loadautofunc ]]; then
  ${fn} "$@"
else
  compdef ${fn} ${program}
fi
`;
}
