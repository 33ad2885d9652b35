const ENTITIES: Readonly<Record<string, string>> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/**
 * Escapes text for HTML element content and quoted attribute values (`& < > " '`). Control
 * characters other than tab and line breaks become U+FFFD, so hostile input cannot smuggle
 * markup or confuse a parser.
 */
export function escapeHTML(text: string): string {
  return text
    .replaceAll(/[&<>"']/g, (character) => ENTITIES[character] ?? character)
    // eslint-disable-next-line no-control-regex -- matching control characters is the point
    .replaceAll(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, "\ufffd");
}
