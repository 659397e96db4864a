/**
 * A per-file memo that keeps only the last file's answer. ESLint runs every rule on one file before it
 * moves to the next, so the rules of a file share one answer; unlike a WeakMap keyed by every AST, it
 * costs one comparison and leaves nothing for the garbage collector to sweep.
 */
export function lastFileMemo<Key, Extra, Value>(compute: (key: Key, extra: Extra) => Value): (key: Key, extra: Extra) => Value {
  let filled = false;
  let lastKey: Key | undefined;
  let lastExtra: Extra | undefined;
  let lastValue: Value;
  return (key, extra) => {
    if (!filled || key !== lastKey || extra !== lastExtra) {
      filled = true;
      lastValue = compute(key, extra);
      lastKey = key;
      lastExtra = extra;
    }
    return lastValue;
  };
}
