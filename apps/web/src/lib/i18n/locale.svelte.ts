import type { Lang } from '@jisr/protocol/common';
import { createContext } from 'svelte';
import { dirOf, loadMessages, messagesFor } from './catalog.js';
import {
  formatDay,
  formatDayRange,
  formatLanguageName,
  formatList,
  formatLocalTimeRange,
  formatRelative,
  formatTime,
  formatTimeRange,
  formatZoneName,
} from './format.js';
import { LANG_COOKIE, LANG_COOKIE_MAX_AGE } from './negotiate.js';
import { translate } from './translate.js';
import type { MessageKey, MessageParams } from './types.js';

/**
 * The viewer's interface language and everything that depends on it. One instance per
 * page load (in a context, never a module global: SSR serves many people at once).
 * Methods are arrow properties so components may destructure them and stay reactive.
 */
export class Locale {
  lang = $state<Lang>('en');
  readonly dir = $derived(dirOf(this.lang));
  readonly messages = $derived(messagesFor(this.lang));
  /** The Intl locale for dates and numbers (e.g. 'ar-MA'). */
  readonly intl = $derived(this.messages.meta.intl);

  constructor(lang: Lang) {
    this.lang = lang;
  }

  t = (key: MessageKey, params?: MessageParams): string => translate(this.messages, key, params);

  number = (value: number): string => new Intl.NumberFormat(this.intl).format(value);
  time = (instant: Date, timeZone: string): string => formatTime(instant, timeZone, this.intl);
  timeRange = (start: Date, end: Date, timeZone: string): string => formatTimeRange(start, end, timeZone, this.intl);
  localTimeRange = (start: Date, end: Date, eventZone: string, localZone: string): string =>
    formatLocalTimeRange(start, end, eventZone, localZone, this.intl);
  day = (day: string, style: 'short' | 'long' = 'short'): string => formatDay(day, this.intl, style);
  dayRange = (first: string, last: string): string => formatDayRange(first, last, this.intl);
  zoneName = (timeZone: string): string => formatZoneName(timeZone, this.intl);
  list = (items: readonly string[]): string => formatList(items, this.intl);
  /** A language's name in the interface language ('ar' -> 'Arabic', 'arabe', 'العربية'). */
  languageName = (lang: string): string => formatLanguageName(lang, this.intl);
  /**
   * People's names as one phrase, each isolated (U+2068...U+2069) so a Latin name in an
   * Arabic sentence, or the reverse, keeps its own direction and its place in the list.
   */
  names = (names: readonly string[]): string => formatList(names.map(this.isolate), this.intl);
  /**
   * One piece of someone's text (a name) to put in a sentence, isolated the same way: "Posting
   * as Amina" in Arabic keeps "Amina" whole, and a name ending in "!" or a digit stays put.
   */
  isolate = (text: string): string => `\u2068${text}\u2069`;
  /** '5 minutes ago', or "just now" under a minute. */
  ago = (instant: Date, now: Date): string => formatRelative(instant, now, this.intl) ?? this.t('time.justNow');

  /** Switches in place (once its dictionary is loaded): the page, the <html> element and the remembered choice. */
  switchTo = async (lang: Lang): Promise<void> => {
    await loadMessages(lang);
    this.lang = lang;
    document.documentElement.lang = lang;
    document.documentElement.dir = this.dir;
    const secure = location.protocol === 'https:' ? '; Secure' : '';
    document.cookie = `${LANG_COOKIE}=${lang}; Path=/; Max-Age=${LANG_COOKIE_MAX_AGE}; SameSite=Lax${secure}`;
  };
}

const [getLocale, setLocale] = createContext<Locale>();

/** The page's Locale, set by the root layout. */
export { getLocale, setLocale };
