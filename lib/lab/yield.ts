/**
 * Letting a Web Worker hear "stop" mid-epoch: training is synchronous work, so the worker must give
 * its event loop a turn now and then for a message (and thus an abort) to arrive. Yielding every batch
 * via setTimeout would cost ≥ 4 ms each (timer clamping); this yields at most every `everyMs`, through
 * a MessageChannel where one exists (no clamping).
 */
export function createYielder(everyMs = 16): () => void | Promise<void> {
  let last = performance.now();
  const channel = typeof MessageChannel === "function" ? new MessageChannel() : undefined;
  const pending: (() => void)[] = [];
  if (channel) {
    channel.port1.onmessage = () => pending.shift()?.();
    // Node keeps a process alive while a port is referenced; a worker or page does not care.
    (channel.port1 as { unref?: () => void }).unref?.();
  }
  const turn = () =>
    new Promise<void>((resolve) => {
      if (channel) {
        pending.push(resolve);
        channel.port2.postMessage(null);
      } else {
        setTimeout(resolve, 0);
      }
    });
  return () => {
    const now = performance.now();
    if (now - last < everyMs) return;
    last = now;
    return turn();
  };
}
