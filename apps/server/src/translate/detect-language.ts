import { resolveTextLang } from '@jisr/core/text-language';
import type { Lang } from '@jisr/protocol/common';
import type { DetectedLang } from '@jisr/protocol/question';
// The extra-small n-gram database: the small one was the largest thing in a node's heap at
// start (44 MB of heap after GC against 28 MB; 197 -> 167 MB of RSS at start), and both
// read every fixture question's language alike (BENCHMARKS.md, "Idle memory").
import { eld } from 'eld/extrasmall';

/**
 * The language a question's text is written in (DESIGN 4b), by ELD (Nito-ELD, an n-gram
 * detector with Arabic script, fast on short texts) and core's rules: the phone's language
 * is only a hint, used when the detector isn't sure; Arabizi is `und`.
 */
export function detectTextLang(text: string, hint: Lang): DetectedLang {
  const result = eld.detect(text);
  return resolveTextLang(text, { language: result.language, reliable: result.isReliable() }, hint);
}
