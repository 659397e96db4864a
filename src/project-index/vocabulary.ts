/**
 * The scan vocabulary of one project index: the columns every file is scanned for. The provider-id column
 * pattern of `config/vocabulary.ts`, plus every name and `/pattern/` some lookup asked for. It grows (and
 * every file is scanned again on its next use) only when a lookup asks for a column it misses; its
 * `describe()` is what the read-ahead thread rebuilds it from.
 */
import { isProviderIdColumn, providerIdColumnMatcher } from '../config/vocabulary.js';
import type { ScanVocabulary } from './scan-file.js';

/** A cheap necessary condition for a text to hold a default provider-id column. */
export const DEFAULT_MENTION = /(?:intent|session|charge|order|payment|transaction|txn|external|provider|stripe)_?id\b/i;
/** An `idColumns` entry written as a regular expression (`/^psp_/`). */
export const PATTERN_ENTRY = /^\/.+\/[a-z]*$/;

/** What a vocabulary holds beyond the default pattern (plain data: it crosses to the read-ahead thread). */
export interface VocabularyDescription {
  names: string[];
  patterns: string[];
}

/** The columns a lookup asks for: exact names (from a schema), or null; and `/pattern/` entries. */
interface ColumnsAsked {
  names: readonly string[] | null;
  patterns: readonly string[];
}

export class Vocabulary implements ScanVocabulary {
  generation = 0;
  private readonly names = new Set<string>();
  private readonly patternSources = new Set<string>();
  private extraMatch: (name: string) => boolean = () => false;
  private nameRe: RegExp | null = null;

  /** A vocabulary holding what `describe()` gave (in the read-ahead thread). */
  static from(description: VocabularyDescription): Vocabulary {
    const vocabulary = new Vocabulary();
    vocabulary.cover({ names: description.names, patterns: description.patterns }, undefined);
    return vocabulary;
  }

  readonly matches = (name: string): boolean => isProviderIdColumn(name) || this.extraMatch(name);

  readonly mentions = (text: string): boolean => {
    if (DEFAULT_MENTION.test(text)) return true;
    if (this.nameRe?.test(text)) return true;
    if (this.patternSources.size === 0) return false;
    const identifier = /[A-Za-z_$][\w$]*/g;
    for (let m = identifier.exec(text); m; m = identifier.exec(text)) if (this.extraMatch(m[0])) return true;
    return false;
  };

  describe(): VocabularyDescription {
    return { names: [...this.names], patterns: [...this.patternSources] };
  }

  /** Takes in a lookup's columns; true when that grew the vocabulary. */
  cover(asked: ColumnsAsked, idColumns: readonly string[] | undefined): boolean {
    let grew = false;
    for (const name of [...(asked.names ?? []), ...(idColumns ?? []).filter((c) => !PATTERN_ENTRY.test(c))]) {
      if (!this.matches(name)) {
        this.names.add(name);
        grew = true;
      }
    }
    for (const source of asked.patterns) {
      if (!this.patternSources.has(source)) {
        this.patternSources.add(source);
        grew = true;
      }
    }
    if (grew) {
      this.generation++;
      this.extraMatch = providerIdColumnMatcher([...this.names, ...this.patternSources]);
      const words = [...this.names].map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
      this.nameRe = words.length > 0 ? new RegExp(`\\b(?:${words.join('|')})\\b`) : null;
    }
    return grew;
  }
}
