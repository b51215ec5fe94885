/**
 * "3 minutes ago", worded exactly like `docker images` (go-units HumanDuration), so the app and a
 * terminal never disagree about the same image.
 */
export function formatAge(createdSeconds: number, nowMs: number): string {
  return `${humanDuration(nowMs / 1000 - createdSeconds)} ago`;
}

function humanDuration(seconds: number): string {
  const plural = (n: number, unit: string): string => `${n} ${unit}${n === 1 ? '' : 's'}`;
  if (seconds < 1) return 'Less than a second';
  if (Math.floor(seconds) === 1) return '1 second';
  if (seconds < 60) return plural(Math.floor(seconds), 'second');
  const minutes = Math.floor(seconds / 60);
  if (minutes === 1) return 'About a minute';
  if (minutes < 60) return plural(minutes, 'minute');
  const hours = Math.floor(seconds / 3600 + 0.5);
  if (hours === 1) return 'About an hour';
  if (hours < 48) return plural(hours, 'hour');
  if (hours < 24 * 7 * 2) return plural(Math.floor(hours / 24), 'day');
  if (hours < 24 * 30 * 2) return plural(Math.floor(hours / 24 / 7), 'week');
  if (hours < 24 * 365 * 2) return plural(Math.floor(hours / 24 / 30), 'month');
  return plural(Math.floor(seconds / 3600 / 24 / 365), 'year');
}
