/**
 * The SourceCode of a `.prisma` file: text, tree, locations, traversal, and the `// eslint-disable…`
 * comments, so that inline directives work in schema files as they do in scripts.
 */
import type { DirectiveType, FileProblem, RulesConfig, SourceLocation, SourceRange } from '@eslint/core';
import { ConfigCommentParser, Directive, TextSourceCodeBase, VisitNodeStep } from '@eslint/plugin-kit';

import { type PrismaComment, type PrismaNode, type PrismaSchema, visitorKeys } from './ast.js';

export type PrismaLanguageOptions = Record<string, never>;

export type PrismaSyntaxElement = PrismaNode | PrismaComment;

const commentParser = new ConfigCommentParser();
const INLINE_CONFIG = /^\s*(?:eslint(?:-enable|-disable(?:(?:-next)?-line)?)?)(?:\s|$)/u;

class PrismaTraversalStep extends VisitNodeStep {
  override target: PrismaNode;

  constructor({ target, phase, args }: { target: PrismaNode; phase: 1 | 2; args: unknown[] }) {
    super({ target, phase, args });
    this.target = target;
  }
}

export class PrismaSourceCode extends TextSourceCodeBase<{
  LangOptions: PrismaLanguageOptions;
  RootNode: PrismaSchema;
  SyntaxElementWithLoc: PrismaSyntaxElement;
  ConfigNode: PrismaComment;
}> {
  override ast: PrismaSchema;
  /** Every `//` and `///` comment, in source order. */
  readonly comments: PrismaComment[];
  readonly visitorKeys = visitorKeys;
  #steps: PrismaTraversalStep[] | undefined;
  #parents = new WeakMap<PrismaNode, PrismaNode>();
  #inlineConfigComments: PrismaComment[] | undefined;

  constructor({ text, ast }: { text: string; ast: PrismaSchema }) {
    // Prisma ends a line at `\n`, `\r\n` or a lone `\r`; the tree's locations count lines the same way.
    super({ text, ast, lineEndingPattern: /\r\n?|\n/u });
    this.ast = ast;
    this.comments = ast.comments;
  }

  override getLoc(nodeOrToken: PrismaSyntaxElement): SourceLocation {
    return nodeOrToken.loc;
  }

  override getRange(nodeOrToken: PrismaSyntaxElement): SourceRange {
    return nodeOrToken.range;
  }

  /** `// eslint-disable-next-line …` and friends (doc comments, `///`, are documentation, never directives). */
  getInlineConfigNodes(): PrismaComment[] {
    this.#inlineConfigComments ??= this.comments.filter((c) => c.type === 'LineComment' && INLINE_CONFIG.test(c.value));
    return this.#inlineConfigComments;
  }

  getDisableDirectives(): { problems: FileProblem[]; directives: Directive[] } {
    const problems: FileProblem[] = [];
    const directives: Directive[] = [];
    for (const comment of this.getInlineConfigNodes()) {
      const parsed = commentParser.parseDirective(comment.value);
      if (!parsed) continue;
      const { label, value, justification } = parsed;
      switch (label) {
        case 'eslint-disable':
        case 'eslint-enable':
        case 'eslint-disable-next-line':
        case 'eslint-disable-line':
          directives.push(
            new Directive({
              type: label.slice('eslint-'.length) as DirectiveType,
              node: comment,
              value,
              justification,
            }),
          );
          break;
        default:
          break;
      }
    }
    return { problems, directives };
  }

  /** `// eslint rule: "off"` comments. */
  applyInlineConfig(): { problems: FileProblem[]; configs: { config: { rules: RulesConfig }; loc: SourceLocation }[] } {
    const problems: FileProblem[] = [];
    const configs: { config: { rules: RulesConfig }; loc: SourceLocation }[] = [];
    for (const comment of this.getInlineConfigNodes()) {
      const parsed = commentParser.parseDirective(comment.value);
      if (!parsed || parsed.label !== 'eslint') continue;
      const result = commentParser.parseJSONLikeConfig(parsed.value);
      if (result.ok) configs.push({ config: { rules: result.config }, loc: comment.loc });
      else problems.push({ ruleId: null, message: result.error.message, loc: comment.loc });
    }
    return { problems, configs };
  }

  override getParent(node: PrismaSyntaxElement): PrismaNode | undefined {
    return this.#parents.get(node as PrismaNode);
  }

  override traverse(): Iterable<PrismaTraversalStep> {
    if (this.#steps) return this.#steps.values();
    const steps: PrismaTraversalStep[] = [];
    const visit = (node: PrismaNode, parent: PrismaNode | undefined) => {
      if (parent) this.#parents.set(node, parent);
      steps.push(new PrismaTraversalStep({ target: node, phase: 1, args: [node, parent] }));
      for (const key of visitorKeys[node.type] ?? []) {
        const child = (node as unknown as Record<string, unknown>)[key];
        if (Array.isArray(child)) {
          for (const c of child) visit(c as PrismaNode, node);
        } else if (child && typeof child === 'object') {
          visit(child as PrismaNode, node);
        }
      }
      steps.push(new PrismaTraversalStep({ target: node, phase: 2, args: [node, parent] }));
    };
    visit(this.ast, undefined);
    this.#steps = steps;
    return steps.values();
  }
}
