import { contentFallbacks, pickLang, pickText } from '@jisr/core/localize';
import type { Lang, LocalizedText } from '@jisr/protocol/common';
import type { Event } from '@jisr/protocol/event';

/** Picks an event's content (titles, room names) in the viewer's language. */
export interface EventTexts {
  /** The text in the viewer's language, else through the event's fallbacks (see pickText). */
  text(value: LocalizedText): string;
  /** The language `text` chose, for the element's `lang` attribute. */
  lang(value: LocalizedText): Lang | undefined;
}

/**
 * The event's fallbacks are worked out once; the viewer's language is read on each call,
 * so a template that calls `text` re-renders when `locale.lang` ($state) changes. Wrap the
 * call in `$derived` so that a new event brings new fallbacks:
 *
 * @example
 * const texts = $derived(eventTexts(locale, data.agenda.event));
 * <h3 lang={texts.lang(s.title)}>{texts.text(s.title)}</h3>
 */
export function eventTexts(
  locale: { readonly lang: Lang },
  event: Pick<Event, 'defaultLang' | 'languages' | 'fallbackLangs'>,
): EventTexts {
  const fallbacks = contentFallbacks(event);
  return {
    text: (value) => pickText(value, locale.lang, fallbacks),
    lang: (value) => pickLang(value, locale.lang, fallbacks),
  };
}
