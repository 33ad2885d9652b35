import { defineCommand } from "citty";
import packageJson from "../package.json" with { type: "json" };

/** The `sslkit` command; sub-commands load lazily so `sslkit --help` starts fast. */
export const main: ReturnType<typeof defineCommand> = defineCommand({
  meta: {
    name: "sslkit",
    version: packageJson.version,
    description: "Python's ssl module for Node.js, from the shell",
  },
  subCommands: {
    ciphers: () => import("./commands/ciphers.js").then((module) => module.default),
    completion: () => import("./commands/completion.js").then((module) => module.default),
    connect: () => import("./commands/connect.js").then((module) => module.default),
    create: () => import("./commands/create.js").then((module) => module.default),
    demo: () => import("./commands/demo.js").then((module) => module.default),
    "get-cert": () => import("./commands/get-cert.js").then((module) => module.default),
    inspect: () => import("./commands/inspect.js").then((module) => module.default),
    rand: () => import("./commands/rand.js").then((module) => module.default),
    scan: () => import("./commands/scan.js").then((module) => module.default),
    serve: () => import("./commands/serve.js").then((module) => module.default),
    time: () => import("./commands/time.js").then((module) => module.default),
    verify: () => import("./commands/verify.js").then((module) => module.default),
    version: () => import("./commands/version.js").then((module) => module.default),
  },
});
