/**
 * The two kinds of failure a rule of this plugin can meet, and what each becomes.
 *
 * - A configuration mistake of the user's (a misspelt settings key, a wrong type) is a
 *   `PluginConfigurationError`: it is thrown on, so ESLint stops with a message that names the key, as it does
 *   for invalid rule options.
 * - Anything else thrown inside our analysis is a bug or an input we did not foresee. It must never abort the
 *   user's whole ESLint run: the rule boundary (`guardListeners`) turns it into "unknown" for that node (no
 *   report) and warns once per process, so the failure is visible without stopping anyone's lint.
 */

/** A mistake in the user's configuration of the plugin; ESLint shows its message and stops. */
export class PluginConfigurationError extends Error {
  override name = 'PluginConfigurationError';
}

/** Set `BOOKING_PAYMENT_THROW=1` to rethrow analysis errors (the plugin's own tests do, so bugs surface). */
const THROW_ENV = 'BOOKING_PAYMENT_THROW';

const warned = new Set<string>();

/** What the guard does with an error thrown by a rule's analysis. Exported for the guard's tests. */
export function handleAnalysisError(ruleName: string, filename: string, error: unknown): void {
  if (error instanceof PluginConfigurationError || process.env[THROW_ENV] === '1') throw error;
  if (warned.has(ruleName)) return;
  warned.add(ruleName);
  const reason = error instanceof Error ? `${error.name}: ${error.message.slice(0, 200)}` : 'a non-Error value';
  process.emitWarning(
    `booking-payment/${ruleName}: an internal error while analysing ${filename} was treated as "unknown" (no report for that node); further errors of this rule in this process are not shown. ${reason}. Please report it with the file's shape.`,
    { code: 'BOOKING_PAYMENT_ANALYSIS_ERROR' },
  );
}

/** Forgets which rules have warned (tests). */
export function resetAnalysisWarnings(): void {
  warned.clear();
}

type Listener = (...args: never[]) => unknown;

/**
 * Wraps every listener of a rule so an unexpected throw in the analysis becomes "unknown" for that node
 * instead of aborting ESLint. Configuration errors pass through.
 */
export function guardListeners<T extends object>(listeners: T, ruleName: string, filename: string): T {
  const guarded: Record<string, unknown> = {};
  for (const [selector, listener] of Object.entries(listeners)) {
    if (typeof listener !== 'function') {
      guarded[selector] = listener;
      continue;
    }
    const fn = listener as Listener;
    guarded[selector] = function guardedListener(this: unknown, ...args: never[]): unknown {
      try {
        return fn.apply(this, args);
      } catch (error) {
        handleAnalysisError(ruleName, filename, error);
        return undefined;
      }
    };
  }
  return guarded as T;
}
