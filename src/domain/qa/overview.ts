import { fold } from "../text/fold.js";
import type { Overview, Overviews } from "./knowledge-base.js";
import { PhraseMatcher, type CompiledLexicon } from "./lexicon.js";
import { normaliseText, syllables } from "./normalise.js";

/** Content words a structure question may carry besides the structure's name and the cue. */
const MAX_LEFTOVER = 1;

export interface OverviewFinder {
  /** The overview a question asks for ("tinh thần thái độ làm việc gồm những gì"), if any. */
  find(question: string): Overview | undefined;
}

/**
 * A structure question names a part of the rules (a trigger), asks for a list (a cue), and says
 * little else: "quy định trang phục gồm những gì" is one, "mặc quần short có vi phạm quy định
 * trang phục không" is not.
 */
export function createOverviewFinder(data: Overviews, lexicon: CompiledLexicon): OverviewFinder {
  const triggers = data.overviews.map((overview) => ({
    overview,
    matcher: new PhraseMatcher(overview.triggers),
  }));
  const cues = new PhraseMatcher(data.cues);
  const allowed = new PhraseMatcher(data.allowed);
  return {
    find(question) {
      const tokens = lexicon.expand(syllables(normaliseText(question)));
      const folded = tokens.map(fold);
      const covered = tokens.map(() => false);
      const mark = (start: number, length: number): void => {
        for (let j = 0; j < length; j++) covered[start + j] = true;
      };
      let found: { overview: Overview; length: number } | undefined;
      let cue = false;
      for (let i = 0; i < tokens.length; i++) {
        for (const { overview, matcher } of triggers) {
          const length = matcher.matchAt(tokens, folded, i);
          if (length > 0 && (found === undefined || length > found.length)) {
            found = { overview, length };
          }
          mark(i, length);
        }
        const cueLength = cues.matchAt(tokens, folded, i);
        if (cueLength > 0) cue = true;
        mark(i, cueLength);
        mark(i, allowed.matchAt(tokens, folded, i));
        mark(i, lexicon.stopWords.matchAt(tokens, folded, i));
      }
      if (found === undefined || !cue) return undefined;
      const leftover = tokens.filter((token, i) => !covered[i] && !/^\d+$/.test(token));
      return leftover.length <= MAX_LEFTOVER ? found.overview : undefined;
    },
  };
}
