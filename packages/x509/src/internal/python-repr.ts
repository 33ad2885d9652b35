/** Code points Python's `str.isprintable()` rejects (besides the ASCII controls handled first). */
const NOT_PRINTABLE = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}\p{Zs}]/u;

function hex(codePoint: number, width: number): string {
  return codePoint.toString(16).padStart(width, "0");
}

/**
 * Returns what Python's `repr()` prints for a `str`, so error messages read exactly like CPython's
 * (`'a.example'`, `"it's"`, `'a\x00b'`).
 */
export function pythonRepr(text: string): string {
  const quote = text.includes("'") && !text.includes('"') ? '"' : "'";
  let out = quote;
  for (const char of text) {
    const codePoint = char.codePointAt(0) ?? 0;
    if (char === quote || char === "\\") out += `\\${char}`;
    else if (char === "\t") out += "\\t";
    else if (char === "\n") out += "\\n";
    else if (char === "\r") out += "\\r";
    else if (codePoint < 0x20 || codePoint === 0x7f) out += `\\x${hex(codePoint, 2)}`;
    else if (codePoint < 0x7f) out += char;
    else if (!NOT_PRINTABLE.test(char)) out += char;
    else if (codePoint <= 0xff) out += `\\x${hex(codePoint, 2)}`;
    else if (codePoint <= 0xffff) out += `\\u${hex(codePoint, 4)}`;
    else out += `\\U${hex(codePoint, 8)}`;
  }
  return out + quote;
}
