import { readFileSync } from 'node:fs';
import Docker from 'dockerode';
import type { EngineEndpoint } from './discovery-types';

/**
 * A dockerode client for one endpoint.
 *
 * Always built from explicit options: dockerode's own fallback reads DOCKER_HOST from the
 * process environment, which would bypass the user's choice in settings.
 */
export function createDockerClient(endpoint: EngineEndpoint): Docker {
  switch (endpoint.kind) {
    case 'unix':
      return new Docker({ socketPath: endpoint.socketPath });
    case 'npipe':
      return new Docker({ socketPath: endpoint.pipePath });
    case 'tcp': {
      const tls = endpoint.tls;
      if (!tls) return new Docker({ protocol: 'http', host: endpoint.host, port: endpoint.port });
      const read = (path?: string): Buffer | undefined => (path ? readFileSync(path) : undefined);
      return new Docker({
        protocol: 'https',
        host: endpoint.host,
        port: endpoint.port,
        ca: read(tls.caPath),
        cert: read(tls.certPath),
        key: read(tls.keyPath),
        // docker-modem passes this through to https.request
        ...(tls.verify ? {} : { rejectUnauthorized: false }),
      } as Docker.DockerOptions);
    }
    case 'ssh':
      return new Docker({
        protocol: 'ssh',
        host: endpoint.host,
        port: endpoint.port,
        ...(endpoint.username ? { username: endpoint.username } : {}),
      });
  }
}
