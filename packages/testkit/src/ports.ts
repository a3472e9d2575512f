import { createServer } from 'node:net';

/**
 * A port nobody listens on right now, picked by the kernel. Another process may take it before the
 * caller binds it; on a shared machine that is rare enough that a failed start is the better signal.
 */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}
