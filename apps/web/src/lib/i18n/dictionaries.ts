import type { Lang } from '@jisr/protocol/common';
import ar from './messages/ar.js';
import de from './messages/de.js';
import en from './messages/en.js';
import es from './messages/es.js';
import fr from './messages/fr.js';
import nl from './messages/nl.js';
import arStaff from './messages/staff/ar.js';
import deStaff from './messages/staff/de.js';
import enStaff from './messages/staff/en.js';
import esStaff from './messages/staff/es.js';
import frStaff from './messages/staff/fr.js';
import nlStaff from './messages/staff/nl.js';

/**
 * Every dictionary whole, both halves joined, for tests that look a text up to find it on a
 * page. The app never imports this file: it loads one language's halves on demand (catalog.ts).
 */
export const dictionaries = {
  ar: { ...ar, ...arStaff },
  de: { ...de, ...deStaff },
  en: { ...en, ...enStaff },
  es: { ...es, ...esStaff },
  fr: { ...fr, ...frStaff },
  nl: { ...nl, ...nlStaff },
} as const satisfies Record<Lang, unknown>;
