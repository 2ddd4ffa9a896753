import type { Lang } from '@jisr/protocol/common';
import { STOP_WORDS } from './stop-words.js';

/**
 * Words that say nothing about what a question asks, per language, in folded form (see
 * text-fold.ts): the word-cloud list plus pronouns, auxiliaries and politeness. Question
 * words (when, where, who...) stay in: "when does the Brussels meeting start?" and "where
 * is the Brussels meeting?" differ by little else, and leaving them out made more wrong
 * suggestions than right ones on the measured pairs. Longer than the word cloud's list on
 * purpose: a question is short, and one shared filler word weighs a lot in it.
 */
const EXTRA: Record<Lang, readonly string[]> = {
  en: [
    'is', 'are', 'was', 'were', 'be', 'been', 'being', 'do', 'does', 'did', 'have', 'has', 'had',
    'can', 'could', 'will', 'would', 'shall', 'should', 'may', 'might', 'must',
    'i', 'me', 'my', 'you', 'your', 'he', 'she', 'they', 'them', 'their', 'us', 'its', 'this', 'that', 'these', 'those',
    'there', 'here', 'at', 'by', 'from', 'as', 'about', 'into', 'also', 'well', 'any', 'some', 'please', 'thank', 'thanks',
    'so', 'if', 'not', 'no', 'yes', 'than', 'then', 'too', 'very', 'just', 'after', 'before',
  ],
  fr: [
    'est', 'ce', 'ca', 'cela', 'il', 'elle', 'ils', 'elles', 'on', 'je', 'j', 'tu', 'vous', 'votre', 'vos', 'nos', 'leur', 'leurs',
    'se', 's', 'sa', 'son', 'ses', 'mon', 'ma', 'mes', 'y', 't', 'ne', 'pas', 'sont', 'sera', 'seront', 'etre', 'avoir', 'a', 'ont',
    'peut', 'peuvent', 'pouvez', 'peux', 'faut', 'va', 'vont', 'aura', 'dans', 'sur', 'par', 'avec', 'chez', 'lors',
    'merci', 'svp', 'aussi', 'bien', 'tres', 'plus', 'apres', 'avant',
  ],
  es: [
    'es', 'son', 'esta', 'estan', 'ser', 'hay', 'habra', 'sera', 'puede', 'pueden', 'puedo', 'podemos', 'se', 'me', 'te', 'le', 'les',
    'lo', 'mi', 'mis', 'tu', 'su', 'sus', 'yo', 'usted', 'ustedes', 'al', 'con', 'sobre', 'entre', 'este', 'estos',
    'gracias', 'tambien', 'muy', 'mas', 'despues', 'antes',
  ],
  de: [
    'sind', 'war', 'sein', 'wird', 'werden', 'gibt', 'es', 'hat', 'haben', 'kann', 'konnen', 'konnte', 'soll', 'sollen', 'muss',
    'ich', 'mich', 'mir', 'du', 'sie', 'ihr', 'ihre', 'ihnen', 'er', 'uns', 'unser', 'einen', 'einem', 'einer', 'dieser', 'diese',
    'ins', 'am', 'an', 'auf', 'aus', 'bei', 'mit', 'nach', 'von', 'vom', 'zum', 'zur', 'uber', 'auch', 'noch', 'nicht', 'danke', 'bitte',
  ],
  nl: [
    'zijn', 'was', 'wordt', 'worden', 'er', 'komt', 'is',
    'kan', 'kunnen', 'zal', 'zullen', 'moet', 'mag', 'heeft', 'hebben', 'ik', 'mij', 'me', 'mijn', 'jij', 'je', 'jullie', 'u', 'uw',
    'hij', 'zij', 'ze', 'hun', 'ons', 'dit', 'dat', 'die', 'deze', 'aan', 'met', 'bij', 'naar', 'uit', 'om', 'over', 'ook', 'niet',
    'dank', 'bedankt', 'graag', 'na', 'voor',
  ],
  ar: [
    'هو', 'هي', 'هم', 'انا', 'نحن', 'انت', 'انتم', 'الذي', 'التي', 'الذين', 'ذلك', 'تلك', 'هناك', 'هنا',
    'يمكن', 'يمكنني', 'يمكننا', 'سيكون', 'سوف', 'كان', 'كانت', 'يكون', 'تكون', 'قد', 'لقد', 'او', 'ام', 'ثم', 'بعد', 'قبل',
    'ذين', 'الي', 'ب', 'ل', 'ف', 'شكرا', 'لكم', 'لنا', 'لي', 'به', 'بها', 'فيه', 'فيها',
    // Darija in Arabic script: "is there", "of", "some".
    'واش', 'كاين', 'كاينه', 'ديال', 'شي', 'فين', 'علاش', 'امتي', 'شنو',
  ],
};

/** Per language, the folded words a question's comparison leaves out. */
export const QUESTION_STOP_WORDS: Record<Lang, ReadonlySet<string>> = {
  ar: new Set([...STOP_WORDS.ar, ...EXTRA.ar]),
  fr: new Set([...STOP_WORDS.fr, ...EXTRA.fr]),
  en: new Set([...STOP_WORDS.en, ...EXTRA.en]),
  es: new Set([...STOP_WORDS.es, ...EXTRA.es]),
  de: new Set([...STOP_WORDS.de, ...EXTRA.de]),
  nl: new Set([...STOP_WORDS.nl, ...EXTRA.nl]),
};
