import { ClientEvent } from '@jisr/protocol/events';
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { attendee, okData, organizerToken, request, useTestServer } from './harness.js';
import { unzip } from './unzip.js';

/*
 * Issue 25.3: exports write times on the event's clock with the offset, and the announced
 * delay with the times phones showed. The test event is in Brussels (UTC+1 in December);
 * its sessions run 09:00-10:00 there (08:00Z).
 */

const testServer = useTestServer();
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const IN_BRUSSELS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+01:00$/;

function rows(csv: string): Record<string, string>[] {
  // The cells these tests read hold no comma or quote: a plain split is enough.
  const [header, ...lines] = csv.replace(/^\uFEFF/, '').split('\r\n').filter(Boolean);
  const names = (header ?? '').split(',');
  return lines.map((line) => Object.fromEntries(line.split(',').map((cell, index) => [names[index] ?? '', cell])));
}

describe('exports in the event\'s time (issue 25.3)', () => {
  it('sessions.csv: planned times in Brussels with the offset, the delay and the shown times', async () => {
    const server = testServer();
    const organizer = await organizerToken(server);
    // The test event's sessions all share one room and hour (the API would refuse a clash): the store sets the delay.
    await server.store.updateSession(server.sessions.open.id, { delayMinutes: 15 });
    const archive = await fetch(`${server.url}/api/events/${server.event.id}/export.zip`, { headers: bearer(organizer) });
    const sessions = rows(unzip(Buffer.from(await archive.arrayBuffer())).get('sessions.csv') ?? '');
    const open = sessions.find((row) => row['session_id'] === server.sessions.open.id);
    expect(open).toMatchObject({
      starts_at: '2026-12-05T09:00:00+01:00',
      ends_at: '2026-12-05T10:00:00+01:00',
      delay_minutes: '15',
      shown_starts_at: '2026-12-05T09:15:00+01:00',
      shown_ends_at: '2026-12-05T10:15:00+01:00',
    });
    const onTime = sessions.find((row) => row['session_id'] === server.sessions.closed.id);
    expect(onTime).toMatchObject({ delay_minutes: '0', shown_starts_at: '2026-12-05T09:00:00+01:00' });
  });

  it('questions: asked_at on the event clock, in the zip and in a session\'s questions.csv', async () => {
    const server = testServer();
    const organizer = await organizerToken(server);
    const amina = await attendee(server, 'Amina');
    okData(await request(amina.socket, ClientEvent.QuestionAsk, { sessionId: server.sessions.open.id, text: 'Quand commence le déjeuner ?', anonymous: false, clientId: randomUUID() }));
    await server.app.ctx.insights.flush();

    const archive = await fetch(`${server.url}/api/events/${server.event.id}/export.zip`, { headers: bearer(organizer) });
    const zipped = rows(unzip(Buffer.from(await archive.arrayBuffer())).get('questions.csv') ?? '');
    const asked = zipped.find((row) => row['question']?.startsWith('Quand commence'));
    expect(asked?.['asked_at']).toMatch(IN_BRUSSELS);

    const single = await fetch(`${server.url}/api/sessions/${server.sessions.open.id}/questions.csv`, { headers: bearer(organizer) });
    const own = rows(await single.text()).find((row) => row['question']?.startsWith('Quand commence'));
    expect(own?.['asked_at']).toMatch(IN_BRUSSELS);
    // The same instant as the question's own time.
    const questions = await server.store.listQuestions(server.sessions.open.id);
    const stored = questions.find((question) => question.text.startsWith('Quand commence'));
    expect(Date.parse(own?.['asked_at'] ?? '')).toBe(Math.floor(Date.parse(stored?.createdAt ?? '') / 1000) * 1000);
  });
});
