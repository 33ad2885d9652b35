import { homedir } from "node:os";
import { join } from "node:path";

/** Where `sslkit create` keeps its local CA: `$SSLKIT_CAROOT`, else `$XDG_DATA_HOME/sslkit`, else `~/.local/share/sslkit`. */
export function defaultCARoot(): string {
  if (process.env.SSLKIT_CAROOT) return process.env.SSLKIT_CAROOT;
  return join(process.env.XDG_DATA_HOME || join(homedir(), ".local", "share"), "sslkit");
}

/** The two files of the local CA inside its directory. */
export function caFiles(root: string): { certificate: string; key: string } {
  return { certificate: join(root, "rootCA.pem"), key: join(root, "rootCA-key.pem") };
}
