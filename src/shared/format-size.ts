/**
 * Byte counts in the units `docker images` prints.
 *
 * The CLI uses go-units' HumanSizeWithPrecision(size, 3): decimal units (1 kB = 1000 B) and three
 * significant digits, so a 1,987,654-byte image reads "1.99MB". Matching it lets users compare
 * with their terminal.
 */
const units = ['B', 'kB', 'MB', 'GB', 'TB', 'PB', 'EB', 'ZB', 'YB'];

export function formatSize(bytes: number): string {
  let value = Math.max(0, bytes);
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return `${formatSignificant(value, 3)}${units[unit]}`;
}

/** Go's `%.<digits>g`: significant digits, trailing zeros dropped, `1e+03` when rounding reaches 10^digits. */
function formatSignificant(value: number, digits: number): string {
  if (value === 0) return '0';
  const text = toPrecisionHalfEven(value, digits);
  const exponent = /e([+-])(\d+)$/.exec(text);
  if (!exponent) return String(Number(text));
  const mantissa = String(Number(text.slice(0, exponent.index)));
  return `${mantissa}e${exponent[1]}${exponent[2]!.padStart(2, '0')}`;
}

/**
 * `toPrecision` with Go's tie rule: an exact half rounds to the even digit (Go's strconv), where
 * JavaScript always rounds it up — 1125 bytes is "1.12kB" in `docker images`, not "1.13kB".
 */
function toPrecisionHalfEven(value: number, digits: number): string {
  const scale = 10 ** (digits - 1 - Math.floor(Math.log10(value)));
  const scaled = value * scale;
  const floor = Math.floor(scaled);
  if (scaled - floor === 0.5 && floor % 2 === 0) return (floor / scale).toPrecision(digits);
  return value.toPrecision(digits);
}
