import { describe, expect, it } from 'vitest';
import { formatAge } from '../../../src/shared/format-age';

const NOW_MS = Date.UTC(2025, 5, 1, 12, 0, 0);
const NOW_S = NOW_MS / 1000;
const MINUTE = 60;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** The age text of an image created `age` seconds before NOW. */
const ageOf = (age: number): string => formatAge(NOW_S - age, NOW_MS);

// Expected strings are go-units HumanDuration(d) + " ago", the CREATED column of `docker images`.
describe('formatAge', () => {
  it.each([
    [0, 'Less than a second ago'],
    [0.999, 'Less than a second ago'],
    [1, '1 second ago'],
    [1.9, '1 second ago'],
    [2, '2 seconds ago'],
    [45, '45 seconds ago'],
    [59.9, '59 seconds ago'],
    [60, 'About a minute ago'],
    [119, 'About a minute ago'],
    [120, '2 minutes ago'],
    [59 * MINUTE, '59 minutes ago'],
    [HOUR - 1, '59 minutes ago'],
    [HOUR, 'About an hour ago'],
    [HOUR + 29 * MINUTE + 59, 'About an hour ago'],
    [HOUR + 30 * MINUTE, '2 hours ago'],
    [47 * HOUR, '47 hours ago'],
    [47 * HOUR + 30 * MINUTE, '2 days ago'],
    [3 * DAY, '3 days ago'],
    [13 * DAY + 23 * HOUR, '13 days ago'],
    [14 * DAY, '2 weeks ago'],
    [20 * DAY, '2 weeks ago'],
    [59 * DAY, '8 weeks ago'],
    [60 * DAY, '2 months ago'],
    [90 * DAY, '3 months ago'],
    [729 * DAY, '24 months ago'],
    [730 * DAY, '2 years ago'],
    [800 * DAY, '2 years ago'],
    [3650 * DAY, '10 years ago'],
  ])('reads an image created %d seconds ago as "%s"', (age, expected) => {
    expect(ageOf(age)).toBe(expected);
  });

  it('rounds hours to the nearest one, as go-units does with int(h + 0.5)', () => {
    expect(ageOf(2 * HOUR + 29 * MINUTE)).toBe('2 hours ago');
    expect(ageOf(2 * HOUR + 30 * MINUTE)).toBe('3 hours ago');
  });

  it('reads a creation time in the future (clock skew) as less than a second ago', () => {
    expect(ageOf(-30)).toBe('Less than a second ago');
  });

  it('counts from the given now, not the wall clock', () => {
    expect(formatAge(1_000_000, 1_000_000 * 1000 + 45_000)).toBe('45 seconds ago');
  });
});
