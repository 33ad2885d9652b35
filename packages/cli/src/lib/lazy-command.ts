import type { ArgsDef, CommandContext, CommandDef, CommandMeta } from "citty";

/**
 * A sub-command whose name and description are known without loading its module, so that
 * `sslkit --help` lists every command without importing any (nor the packages they use).
 * Its arguments, sub-commands and `run` load the module on first use. A `group` (a command
 * made only of sub-commands, like `create`) gets no `run`, so citty reports a missing
 * sub-command as it does for a plain definition.
 */
export function lazyCommand<T extends ArgsDef>(meta: CommandMeta, load: () => Promise<{ default: CommandDef<T> }>, options: { group?: boolean } = {}): CommandDef {
  let loaded: Promise<CommandDef<T>> | undefined;
  const command = (): Promise<CommandDef<T>> => (loaded ??= load().then((module) => module.default));
  const resolve = async <V>(value: V | (() => V | Promise<V>) | Promise<V>): Promise<V> =>
    typeof value === "function" ? await (value as () => V | Promise<V>)() : await value;
  const definition: CommandDef = {
    meta,
    args: async () => resolve((await command()).args ?? {}),
    subCommands: async () => resolve((await command()).subCommands ?? {}),
  };
  if (options.group !== true) {
    definition.run = async (context: CommandContext): Promise<void> => {
      const { run } = await command();
      // citty parsed the arguments with this module's own definitions (`args` above).
      if (run !== undefined) await run(context as unknown as CommandContext<T>);
    };
  }
  return definition;
}
