/**
 * The command's options, and the check that names an unknown one with the nearest known spelling
 * (`unknown option --fromat; did you mean --format?`) before node:util's parser sees it.
 */

export const OPTIONS = {
  format: { type: 'string', short: 'f' },
  defaults: { type: 'boolean' },
  typed: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
} as const;

/** Edit distance (insertions, deletions, substitutions, adjacent swaps), for suggestions. */
function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j += 1) d[0]![j] = j;
  for (let i = 1; i <= a.length; i += 1) {
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, d[i - 2]![j - 2]! + 1);
      d[i]![j] = best;
    }
  }
  return d[a.length]![b.length]!;
}

/** The known long option closest to `name` (without dashes), when it is close enough to be a typo. */
function suggestOption(name: string): string | undefined {
  let best: { option: string; distance: number } | undefined;
  for (const option of Object.keys(OPTIONS)) {
    const distance = editDistance(name.toLowerCase(), option);
    if (distance <= Math.max(1, Math.floor(option.length / 3)) && (!best || distance < best.distance)) best = { option, distance };
  }
  return best?.option;
}

/** The first argument that is not a known option, as a message; undefined when all are known. */
export function unknownOption(argv: readonly string[]): string | undefined {
  const shorts = new Set<string>(Object.values(OPTIONS).flatMap((o) => ('short' in o ? [o.short] : [])));
  for (const arg of argv) {
    if (arg === '--') return undefined;
    if (arg.startsWith('--')) {
      const name = arg.slice(2).split('=')[0]!;
      if (name in OPTIONS) continue;
      const suggestion = suggestOption(name);
      return `unknown option --${name}${suggestion ? `; did you mean --${suggestion}?` : ''}`;
    }
    if (arg.startsWith('-') && arg.length > 1) {
      const letter = arg[1]!;
      if (shorts.has(letter)) continue;
      return `unknown option -${letter}`;
    }
  }
  return undefined;
}
