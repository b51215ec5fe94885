import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type {
  EventChannel,
  EventPayloads,
  RequestChannel,
  RequestInput,
  RequestOutput,
} from '../../src/shared/api';
import type { EngineStatus } from '../../src/shared/engine-status';
import type { Result } from '../../src/shared/result';
import { createMainServices, type MainServices, type MainServicesOptions } from '../../src/main/services';
import { createAesGcmCrypto } from '../../src/main/registry/aes-gcm-crypto';
import { randomBytes } from 'node:crypto';

/** The real main-process services for integration tests, with a typed `call` and recorded events. */
export interface TestServices {
  services: MainServices;
  dataDir: string;
  events: { event: EventChannel; payload: unknown }[];
  call<C extends RequestChannel>(channel: C, input: RequestInput<C>): Promise<Result<RequestOutput<C>>>;
  /** Calls and expects success, failing the test with the error otherwise. */
  value<C extends RequestChannel>(channel: C, input: RequestInput<C>): Promise<RequestOutput<C>>;
  /** Waits until the connection settles on a state other than 'connecting'. */
  settled(): Promise<EngineStatus>;
  dispose(): void;
}

export function startServices(
  env: Record<string, string | undefined>,
  homeDir?: string,
  existingDataDir?: string,
  options: Partial<Pick<MainServicesOptions, 'stallMs' | 'secretCrypto'>> = {},
): TestServices {
  const dataDir = existingDataDir ?? mkdtempSync(join(tmpdir(), 'dw-int-data-'));
  const events: TestServices['events'] = [];
  const services = createMainServices({
    env,
    platform: process.platform,
    homeDir: homeDir ?? dataDir,
    dataDir,
    emit: <E extends EventChannel>(event: E, payload: EventPayloads[E]) => events.push({ event, payload }),
    openExternal: async () => {},
    secretCrypto: createAesGcmCrypto(randomBytes(32)),
    dialogs: {
      pickFolder: async () => null,
      pickFile: async () => null,
      saveFile: async () => null,
    },
    retryDelaysMs: [200, 400],
    ...options,
  });
  const call = async <C extends RequestChannel>(channel: C, input: RequestInput<C>) =>
    (await services.dispatch(channel, input)) as Result<RequestOutput<C>>;
  return {
    services,
    dataDir,
    events,
    call,
    async value(channel, input) {
      const result = await call(channel, input);
      if (!result.ok) throw new Error(`${channel} failed: ${result.error.code} ${result.error.message}`);
      return result.value;
    },
    async settled() {
      for (let i = 0; i < 100; i++) {
        const status = services.connection.status();
        if (status.state !== 'connecting') return status;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      throw new Error('The engine connection did not settle within 5 s');
    },
    dispose() {
      services.dispose();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
