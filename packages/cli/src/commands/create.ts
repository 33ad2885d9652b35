import { defineCommand } from "citty";

export default defineCommand({
  meta: { name: "create", description: "Create a local CA and certificates signed by it (mkcert-style)" },
  subCommands: {
    ca: () => import("./create/ca.js").then((module) => module.default),
    cert: () => import("./create/cert.js").then((module) => module.default),
  },
});
