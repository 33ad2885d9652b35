import type { KeyType } from "@sslkit/x509";
import { CLIError, ExitCode } from "./exit.js";

const KEY_TYPES: readonly KeyType[] = ["ec-p256", "ec-p384", "ed25519", "rsa-2048", "rsa-3072", "rsa-4096"];

/** Validates a `--key-type` value. */
export function parseKeyType(value: string | undefined): KeyType {
  const keyType = (value ?? "ec-p256") as KeyType;
  if (!KEY_TYPES.includes(keyType)) throw new CLIError(`--key-type must be one of ${KEY_TYPES.join(", ")}`, ExitCode.USAGE);
  return keyType;
}

/** Validates a `--days` value. */
export function parseDays(value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const days = Number(value);
  if (!Number.isInteger(days) || days < 1 || days > 36_500) throw new CLIError("--days must be a whole number from 1 to 36500", ExitCode.USAGE);
  return days;
}

/** A validity period starting now (truncated to the second) and lasting `days`. */
export function validityFor(days: number): { notBefore: Date; notAfter: Date } {
  const notBefore = new Date(Math.floor(Date.now() / 1000) * 1000);
  return { notBefore, notAfter: new Date(notBefore.getTime() + days * 86_400_000) };
}
