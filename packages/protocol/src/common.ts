import { z } from 'zod';
import { LANGS, RTL_LANGS } from './langs.js';

export { LANGS, RTL_LANGS };
export const Lang = z.enum(LANGS);
/** @example 'ar' */
export type Lang = z.infer<typeof Lang>;

/** A server-made id: short, URL-safe. @example 'q_7Hc2kP9xQm1a' */
export const Id = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be an id (letters, digits, _ or -)');
export type Id = z.infer<typeof Id>;

/**
 * A client-made id (a UUID in practice) that makes a retried ask or vote idempotent.
 * @example '3f0c9a52-3e1b-4c8e-9c57-1f4f3b1c2d7e'
 */
export const ClientId = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'must be 8-64 letters, digits, _ or -');
export type ClientId = z.infer<typeof ClientId>;

/** Text given per language; any subset of the six. @example { fr: 'Ouverture', ar: 'الافتتاح' } */
export const LocalizedText = z.partialRecord(Lang, z.string().max(4000));
export type LocalizedText = z.infer<typeof LocalizedText>;

/** An instant, ISO 8601 in UTC. @example '2026-12-05T08:30:00.000Z' */
export const Instant = z.iso.datetime();
export type Instant = z.infer<typeof Instant>;

/** A calendar day. @example '2026-12-05' */
export const Day = z.iso.date();
export type Day = z.infer<typeof Day>;

/** An IANA time zone name; checked against the runtime's zone data. @example 'Europe/Brussels' */
export const TimeZone = z.string().min(1).max(64).refine(isKnownTimeZone, 'must be an IANA time zone');

function isKnownTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    // Intl throws RangeError for an unknown zone: that is the answer, not a failure.
    return false;
  }
}
