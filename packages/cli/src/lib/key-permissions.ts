import { statSync } from "node:fs";

/** Permission bits that give the file's group or other users any access. */
const GROUP_OR_OTHER = 0o077;

/**
 * Returns a warning when the private key file at `path` is readable, writable or executable by
 * its group or by other users (`mode & 0o077`, the check ssh makes), or `undefined` when it is
 * private, cannot be inspected, or the platform has no POSIX modes (Windows).
 */
export function keyPermissionWarning(path: string): string | undefined {
  if (process.platform === "win32") return undefined;
  let mode: number;
  try {
    mode = statSync(path).mode & 0o777;
  } catch {
    return undefined; // reading it reports the problem
  }
  if ((mode & GROUP_OR_OTHER) === 0) return undefined;
  const who = [mode & 0o070 ? "its group" : "", mode & 0o007 ? "other users" : ""].filter((s) => s !== "").join(" and ");
  return `private key file ${path} is accessible to ${who} (mode 0${mode.toString(8)}); restrict it with \`chmod 600 ${path}\``;
}

/** Writes {@link keyPermissionWarning}'s warning for `path`, if any, to stderr. */
export function warnOnKeyPermissions(path: string): void {
  const warning = keyPermissionWarning(path);
  if (warning !== undefined) process.stderr.write(`sslkit: warning: ${warning}\n`);
}
