/** Fixes that add a property to an object literal, keeping its layout (one line or one property a line). */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

/** Inserts `text` (a `key: value` property) as the last property of `object`. */
export function insertProperty(
  fixer: TSESLint.RuleFixer,
  sourceCode: Readonly<TSESLint.SourceCode>,
  object: TSESTree.ObjectExpression,
  text: string,
): TSESLint.RuleFix {
  const last = object.properties[object.properties.length - 1];
  if (!last) return fixer.replaceText(object, `{ ${text} }`);
  const multiline = last.loc.start.line !== object.loc.start.line;
  const lineText = sourceCode.lines[last.loc.start.line - 1] ?? '';
  const indent = /^\s*/.exec(lineText)?.[0] ?? '';
  const after = sourceCode.getTokenAfter(last);
  if (after && after.value === ',') {
    return fixer.insertTextAfter(after, multiline ? `\n${indent}${text},` : ` ${text},`);
  }
  return fixer.insertTextAfter(last, multiline ? `,\n${indent}${text}` : `, ${text}`);
}
