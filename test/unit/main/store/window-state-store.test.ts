import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createWindowStateStore,
  placeOnScreen,
  type WindowState,
} from '../../../../src/main/store/window-state-store';

const DEFAULT_STATE: WindowState = { width: 1280, height: 820, maximized: false };

let dataDir: string;
let statePath: string;

beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'dw-window-state-'));
  statePath = join(dataDir, 'window-state.json');
});
afterEach(() => {
  rmSync(dataDir, { recursive: true, force: true });
});

describe('createWindowStateStore', () => {
  it('gives the default size when nothing was saved', async () => {
    expect(await createWindowStateStore(dataDir).load()).toEqual(DEFAULT_STATE);
  });

  it('loads the bounds it saved, in a fresh store', async () => {
    const saved: WindowState = { x: 40, y: 60, width: 1440, height: 900, maximized: true };
    await createWindowStateStore(dataDir).save(saved);

    expect(await createWindowStateStore(dataDir).load()).toEqual(saved);
    expect(readdirSync(dataDir)).toEqual(['window-state.json']);
  });

  it('gives the default size when the file is not JSON', async () => {
    writeFileSync(statePath, '{"width": 1440, "height"');

    await expect(createWindowStateStore(dataDir).load()).resolves.toEqual(DEFAULT_STATE);
  });

  it('gives the default size when the saved window is smaller than the minimum', async () => {
    writeFileSync(statePath, JSON.stringify({ width: 399, height: 900 }));

    expect(await createWindowStateStore(dataDir).load()).toEqual(DEFAULT_STATE);
  });

  it('gives the default size when a coordinate is not a whole number', async () => {
    writeFileSync(statePath, JSON.stringify({ x: 10.5, y: 0, width: 1000, height: 700 }));

    expect(await createWindowStateStore(dataDir).load()).toEqual(DEFAULT_STATE);
  });

  it('reads a file without maximized as not maximized', async () => {
    writeFileSync(statePath, JSON.stringify({ width: 1000, height: 700 }));

    expect(await createWindowStateStore(dataDir).load()).toEqual({
      width: 1000,
      height: 700,
      maximized: false,
    });
  });
});

describe('placeOnScreen', () => {
  const laptop = { x: 0, y: 0, width: 1920, height: 1080 };
  const leftMonitor = { x: -2560, y: 0, width: 2560, height: 1440 };
  const at = (x: number, y: number): WindowState => ({ x, y, width: 1200, height: 800, maximized: false });

  it('keeps a position on a connected display', () => {
    expect(placeOnScreen(at(100, 80), [laptop])).toEqual(at(100, 80));
  });

  it('keeps a position on a display left of the primary one (negative x)', () => {
    expect(placeOnScreen(at(-2000, 100), [laptop, leftMonitor])).toEqual(at(-2000, 100));
  });

  it('drops a position that is off every display, keeping size and maximized', () => {
    const state: WindowState = { x: 3000, y: 200, width: 1200, height: 800, maximized: true };

    expect(placeOnScreen(state, [laptop])).toEqual({ width: 1200, height: 800, maximized: true });
  });

  it('drops a position saved on a monitor that is now unplugged', () => {
    expect(placeOnScreen(at(-2000, 100), [laptop])).toEqual({ width: 1200, height: 800, maximized: false });
  });

  it.each([
    ['within 50px of the right edge', 1871, 100],
    ['within 50px of the bottom edge', 100, 1031],
    ['above the display', 100, -10],
  ])('drops a position %s, where the title bar could not be grabbed', (_label, x, y) => {
    expect(placeOnScreen(at(x, y), [laptop])).toEqual({ width: 1200, height: 800, maximized: false });
  });

  it('keeps a position just inside the 50px margin', () => {
    expect(placeOnScreen(at(1869, 1029), [laptop])).toEqual(at(1869, 1029));
  });

  it('drops the position when there are no displays', () => {
    expect(placeOnScreen(at(0, 0), [])).toEqual({ width: 1200, height: 800, maximized: false });
  });

  it('leaves a state without a position as it is', () => {
    expect(placeOnScreen(DEFAULT_STATE, [])).toEqual(DEFAULT_STATE);
  });
});
