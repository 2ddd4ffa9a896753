import { announcementMachineTargets, announcementSource } from '@jisr/core/announcements';
import type { Announcement } from '@jisr/protocol/agenda';
import { StoreNotFound, type EventRecord } from '@jisr/store/store';
import type { AppContext } from '../context.js';
import { detectTextLang } from './detect-language.js';
import { machineFill } from './machine-fill.js';

/**
 * After an announcement was stored, sent and acked: machine-translate it into the event's
 * languages its sender wrote no text in, store those beside the written texts, and send the
 * announcement again (phones replace it by id). A plain text is read in the language it is
 * written in, the event's default being only a hint. A language missed because the engine
 * was down is tried again when it answers (the bridge's retry queue), while the announcement
 * is still there.
 */
export async function translateAnnouncement(ctx: AppContext, event: EventRecord, announcement: Announcement): Promise<void> {
  const bridge = ctx.bridge;
  if (!bridge) return;
  const source = announcementSource(event, announcement) ?? { text: announcement.text, lang: detectTextLang(announcement.text, event.defaultLang) };
  if (source.lang === 'und') return;
  const targets = announcementMachineTargets(announcement, source.lang, event.languages).filter((lang) => !announcement.translations?.[lang]);
  if (targets.length === 0) return;
  const { translations, missed } = await machineFill(bridge.translator, event.id, source.text, source.lang, targets);
  if (missed) bridge.retries.add(`announcement:${announcement.id}`, () => retryAnnouncement(ctx, event, announcement.id));
  if (Object.keys(translations).length === 0) return;
  try {
    const translated = await ctx.store.setAnnouncementTranslations(event.id, announcement.id, { ...announcement.translations, ...translations });
    ctx.events.publish({ type: 'announcement.made', announcement: translated });
  } catch (error) {
    // Withdrawn (or pushed out by newer ones) while the engine worked: nothing to send.
    if (!(error instanceof StoreNotFound)) throw error;
  }
}

/** The announcement as stored now, translated where it still lacks a language; gone: nothing to do. */
async function retryAnnouncement(ctx: AppContext, event: EventRecord, id: string): Promise<void> {
  const announcement = (await ctx.store.listAnnouncements(event.id)).find((item) => item.id === id);
  if (announcement) await translateAnnouncement(ctx, event, announcement);
}
