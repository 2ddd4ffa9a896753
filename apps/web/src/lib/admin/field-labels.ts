import type { MessageKey } from '$lib/i18n/types.js';

/**
 * The label an admin form shows for each field the server may name in an `invalid_input`
 * (its `field`: 'timeZone', 'title.fr', 'endsAt'...), so a refusal reads "Check the field
 * “Time zone”" in the organizer's language, never the schema's English text.
 */
const FIELD_LABELS: Readonly<Record<string, MessageKey>> = {
  code: 'manage.settings.code',
  title: 'manage.settings.title',
  description: 'manage.settings.description',
  timeZone: 'manage.settings.timeZone',
  languages: 'manage.settings.languages',
  defaultLang: 'manage.settings.defaultLang',
  fallbackLangs: 'manage.settings.fallbackOrder',
  startDate: 'manage.settings.startDate',
  endDate: 'manage.settings.endDate',
  color: 'manage.settings.color',
  logoUrl: 'manage.settings.logo',
  defaults: 'manage.settings.qaDefaults',
  name: 'manage.rooms.name',
  affiliation: 'manage.speakers.affiliation',
  country: 'manage.speakers.country',
  photoUrl: 'manage.speakers.photo',
  bio: 'manage.speakers.bio',
  roomId: 'manage.sessions.room',
  kind: 'manage.sessions.kind',
  startsAt: 'manage.sessions.start',
  endsAt: 'manage.sessions.end',
  speakerIds: 'manage.sessions.speakers',
  qa: 'manage.sessions.qa',
  sessionId: 'manage.data.session',
  role: 'team.role',
  invitee: 'team.invitee',
  expiresInHours: 'team.expiry',
};

/** The label's message for a refused field ('title.fr' is the title's), or null for one no form shows. */
export function fieldLabelKey(field: string | undefined): MessageKey | null {
  if (!field) return null;
  return FIELD_LABELS[field.split('.')[0] ?? ''] ?? null;
}
