import { styleText } from "node:util";

type Format = Parameters<typeof styleText>[0];

/** Colour only for a terminal, never with NO_COLOR (https://no-color.org) or a dumb TERM. */
function colourEnabled(stream: NodeJS.WriteStream): boolean {
  if ("NO_COLOR" in process.env && process.env.NO_COLOR !== "") return false;
  if (process.env.FORCE_COLOR !== undefined && process.env.FORCE_COLOR !== "0") return true;
  return stream.isTTY && process.env.TERM !== "dumb";
}

const enabled = colourEnabled(process.stdout);

/** Styles text for stdout when colour is enabled; returns it unchanged otherwise. */
export function paint(format: Format, text: string): string {
  return enabled ? styleText(format, text) : text;
}

/** A section heading. */
export const heading = (text: string): string => paint(["bold", "cyan"], text);
/** A success mark and text. */
export const good = (text: string): string => paint("green", `✔ ${text}`);
/** A failure mark and text. */
export const bad = (text: string): string => paint("red", `✘ ${text}`);
/** De-emphasised detail. */
export const dim = (text: string): string => paint("dim", text);
