import { z } from 'zod';

/** Who a token speaks for. Staff roles come from login or an invite link. */
export const ROLES = ['organizer', 'moderator', 'speaker', 'screen', 'attendee'] as const;
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;
