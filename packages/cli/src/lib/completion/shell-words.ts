import type { FlagNode } from "../command-tree.js";

/** Quotes text as one single-quoted bash or zsh word (a `'` inside is written `'\''`). */
export const singleQuote = (text: string): string => `'${text.replaceAll("'", `'\\''`)}'`;

/** Every way to write a flag on the command line: `--name`, then `-x` for each one-letter alias. */
export const flagSpellings = (flag: FlagNode): string[] => [`--${flag.name}`, ...flag.short.map((letter) => `-${letter}`)];
