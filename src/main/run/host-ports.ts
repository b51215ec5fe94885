import { createServer } from 'node:net';

/**
 * Whether nothing on this machine listens on `port` (TCP, all interfaces), checked by binding it
 * for a moment: the same bind the engine's port proxy will attempt.
 */
export function isHostPortFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen({ port, host: '0.0.0.0', exclusive: true }, () => server.close(() => resolve(true)));
  });
}

/**
 * A free host port for a container port: the same number when it is ≥ 1024 and free (what people
 * expect), else 8000 + the port for well-known ports (80 → 8080), else the next free one after it.
 */
export async function suggestHostPort(
  containerPort: number,
  taken: ReadonlySet<number> = new Set(),
): Promise<number> {
  const first = containerPort >= 1024 ? containerPort : containerPort < 1000 ? 8000 + containerPort : 8080;
  for (let port = first; port < Math.min(first + 200, 65536); port++) {
    if (!taken.has(port) && (await isHostPortFree(port))) return port;
  }
  return 0;
}
