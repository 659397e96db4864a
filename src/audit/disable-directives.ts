/**
 * Whether the project exempted a call from one of the plugin's rules with an `eslint-disable` comment
 * (`-line`, `-next-line`, or a `disable`/`enable` block). The audit honours these: a payment that is
 * deliberately not linked to a booking (a gift card, a donation) must not fail the project forever.
 */

interface CommentLike {
  range: [number, number];
  loc: { start: { line: number }; end: { line: number } };
}

interface DirectiveLike {
  type: string;
  node: CommentLike;
  value: string;
}

interface SourceCodeWithDirectives {
  getDisableDirectives?: () => { directives: DirectiveLike[] };
}

function names(value: string): string[] {
  return value
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

function covers(directive: DirectiveLike, ruleId: string): boolean {
  const listed = names(directive.value);
  return listed.length === 0 || listed.includes(ruleId);
}

/**
 * The rules among `ruleIds` that a disable comment turns off somewhere in the code from `start` (offset)
 * on lines `fromLine`..`toLine`. Never throws; a source code without directives gives none.
 */
export function rulesDisabledAt(
  sourceCode: unknown,
  start: number,
  fromLine: number,
  toLine: number,
  ruleIds: readonly string[],
): Set<string> {
  const out = new Set<string>();
  let directives: DirectiveLike[];
  try {
    directives = (sourceCode as SourceCodeWithDirectives).getDisableDirectives?.().directives ?? [];
  } catch {
    return out;
  }
  const blocks = directives
    .filter((d) => d.type === 'disable' || d.type === 'enable')
    .sort((a, b) => a.node.range[0] - b.node.range[0]);
  for (const ruleId of ruleIds) {
    let disabled = false;
    for (const d of blocks) {
      if (d.node.range[1] > start) {
        // A block that starts inside the lines of the call still covers part of it.
        if (d.type === 'disable' && d.node.loc.start.line <= toLine && covers(d, ruleId)) disabled = true;
        break;
      }
      if (covers(d, ruleId)) disabled = d.type === 'disable';
    }
    if (!disabled) {
      disabled = directives.some(
        (d) =>
          covers(d, ruleId) &&
          ((d.type === 'disable-line' && d.node.loc.start.line >= fromLine && d.node.loc.start.line <= toLine) ||
            (d.type === 'disable-next-line' && d.node.loc.end.line + 1 >= fromLine && d.node.loc.end.line + 1 <= toLine)),
      );
    }
    if (disabled) out.add(ruleId);
  }
  return out;
}
