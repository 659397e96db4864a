/**
 * `booking-payment-audit | head`: when the reader goes away, writes to stdout fail with EPIPE. Without a
 * listener that error is thrown from the stream and the command dies with a stack trace and exit code 1,
 * whatever the verdict. The guard swallows EPIPE (and the writes after it) so the command exits quietly
 * with the verdict's code; any other stream error is handed to `onOther`.
 */
interface ErrorEmitter {
  on(event: 'error', listener: (error: Error & { code?: string }) => void): unknown;
}

const BROKEN = new Set(['EPIPE', 'ERR_STREAM_DESTROYED', 'ERR_STREAM_WRITE_AFTER_END']);

export function guardBrokenPipe(stream: ErrorEmitter, onOther: (error: Error) => void): { readonly broken: boolean } {
  const state = { broken: false };
  stream.on('error', (error) => {
    if (error.code !== undefined && BROKEN.has(error.code)) {
      state.broken = true;
      return;
    }
    onOther(error);
  });
  return state;
}
