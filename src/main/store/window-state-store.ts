import { join } from 'node:path';
import { z } from 'zod';
import { createJsonFile } from './json-file';

const windowStateSchema = z.object({
  x: z.number().int().optional(),
  y: z.number().int().optional(),
  width: z.number().int().min(400),
  height: z.number().int().min(300),
  maximized: z.boolean().default(false),
});

/** The main window's last size and place. */
export type WindowState = z.output<typeof windowStateSchema>;

const DEFAULT_STATE: WindowState = { width: 1280, height: 820, maximized: false };

/** Remembers the window's bounds across restarts; a damaged file means the default size. */
export function createWindowStateStore(dataDir: string) {
  const file = createJsonFile(join(dataDir, 'window-state.json'), windowStateSchema);
  return {
    async load(): Promise<WindowState> {
      const read = await file.read();
      return read.state === 'ok' ? read.value : DEFAULT_STATE;
    },
    save: (state: WindowState) => file.write(state),
  };
}

/**
 * Keeps a remembered position only if it is still on a connected display.
 *
 * A window saved on an unplugged monitor would otherwise open off-screen.
 */
export function placeOnScreen(
  state: WindowState,
  displays: readonly { x: number; y: number; width: number; height: number }[],
): WindowState {
  if (state.x === undefined || state.y === undefined) return state;
  const { x, y } = state;
  const visible = displays.some(
    (d) => x >= d.x && y >= d.y && x < d.x + d.width - 50 && y < d.y + d.height - 50,
  );
  return visible ? state : { width: state.width, height: state.height, maximized: state.maximized };
}
