// The API's live heap, read through its inspector (turned on by SIGUSR1, on the loopback port the bench gave it):
// a full collection first (HeapProfiler.collectGarbage), then process.memoryUsage().heapUsed. Unlike the peak
// RSS, this does not depend on when V8 chooses to collect, so it shows what an export really holds.

export interface HeapProbe {
  /** MiB of JavaScript heap still reachable after a full garbage collection. */
  liveMiB(): Promise<number>;
  close(): void;
}

export async function connectHeapProbe(api: { pid: number; inspectPort: number }): Promise<HeapProbe> {
  process.kill(api.pid, 'SIGUSR1');
  let targets: { webSocketDebuggerUrl: string }[] = [];
  for (let attempt = 0; !targets.length; attempt++) {
    try {
      targets = (await (await fetch(`http://127.0.0.1:${api.inspectPort}/json/list`)).json()) as typeof targets;
    } catch (error) {
      if (attempt > 50) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  const socket = new WebSocket(targets[0].webSocketDebuggerUrl);
  await new Promise<void>((resolve, reject) => {
    socket.addEventListener('open', () => resolve(), { once: true });
    socket.addEventListener('error', () => reject(new Error('could not attach to the API inspector')), { once: true });
  });
  let lastId = 0;
  const pending = new Map<number, { resolve(result: unknown): void; reject(error: Error): void }>();
  socket.addEventListener('message', (event) => {
    const message = JSON.parse(String(event.data)) as { id?: number; result?: unknown; error?: { message: string } };
    const waiter = message.id === undefined ? undefined : pending.get(message.id);
    if (!waiter) return;
    pending.delete(message.id!);
    if (message.error) waiter.reject(new Error(message.error.message));
    else waiter.resolve(message.result);
  });
  const send = (method: string, params: object = {}) =>
    new Promise<unknown>((resolve, reject) => {
      const id = ++lastId;
      pending.set(id, { resolve, reject });
      socket.send(JSON.stringify({ id, method, params }));
    });
  await send('HeapProfiler.enable');
  return {
    async liveMiB() {
      await send('HeapProfiler.collectGarbage');
      const { result } = (await send('Runtime.evaluate', { expression: 'process.memoryUsage().heapUsed', returnByValue: true })) as { result: { value: number } };
      return result.value / 2 ** 20;
    },
    close: () => socket.close(),
  };
}
