/**
 * Reads JSON with comments and trailing commas, as tsconfig.json and angular.json are often
 * written; JSON.parse alone rejects them.
 */

// A comma that only comments and blanks separate from the closing bracket.
const TRAILING_COMMA = /^,(?:\s|\/\/[^\n]*|\/\*[\s\S]*?\*\/)*[}\]]/;

/** The parsed value, or null when the text is not JSON even without its comments. */
export function parseJsonc(text: string): unknown {
  let out = '';
  let index = 0;
  while (index < text.length) {
    const char = text[index]!;
    if (char === '"') {
      // Copy a string whole, escapes included, so `//` inside a URL stays.
      let end = index + 1;
      while (end < text.length && text[end] !== '"') end += text[end] === '\\' ? 2 : 1;
      out += text.slice(index, end + 1);
      index = end + 1;
    } else if (text.startsWith('//', index)) {
      const end = text.indexOf('\n', index);
      index = end === -1 ? text.length : end;
    } else if (text.startsWith('/*', index)) {
      const end = text.indexOf('*/', index + 2);
      index = end === -1 ? text.length : end + 2;
    } else if (char === ',' && TRAILING_COMMA.test(text.slice(index, index + 2000))) {
      index++;
    } else {
      out += char;
      index++;
    }
  }
  try {
    return JSON.parse(out) as unknown;
  } catch {
    return null;
  }
}
