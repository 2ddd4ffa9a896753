import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AgendaImportResult } from '@jisr/protocol/admin';
import { describe, expect, it } from 'vitest';
import { agendaFixture, agendaOf, api, errorOf, staffOf, type AgendaFixture } from './agenda-helpers.js';
import { useTestServer } from './harness.js';

const testServer = useTestServer();

const TEMPLATE = fs.readFileSync(path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../docs/agenda-template.csv'), 'utf8');

const HEADER = 'id,day,start,end,room,kind,title_fr,title_ar,speakers';

async function exported(fixture: AgendaFixture): Promise<string> {
  const reply = await api<string>(testServer(), 'GET', `/events/${fixture.event.id}/agenda.csv`, { token: fixture.token });
  expect(reply.status).toBe(200);
  expect(reply.headers.get('content-type')).toContain('text/csv');
  return reply.body;
}

function upload(fixture: AgendaFixture, text: string, dryRun = false) {
  return api<AgendaImportResult>(testServer(), 'POST', `/events/${fixture.event.id}/agenda.csv${dryRun ? '?dryRun=1' : ''}`, { token: fixture.token, text });
}

describe('agenda CSV', () => {
  it('exports the agenda on the event clock, and an export imported again changes nothing', async () => {
    const fixture = await agendaFixture(testServer());
    await api(testServer(), 'PATCH', `/sessions/${fixture.a.id}`, { token: fixture.token, body: { speakerIds: [fixture.speaker.id], title: { fr: 'Ouverture', ar: 'الافتتاح' } } });
    const before = await agendaOf(testServer(), fixture.event.code);
    const csv = await exported(fixture);
    const lines = csv.trim().split('\n');
    expect(lines[0]).toBe(
      'id,day,start,end,room,kind,title_ar,title_fr,title_en,title_es,title_de,title_nl,description_ar,description_fr,description_en,description_es,description_de,description_nl,speakers',
    );
    expect(lines[1]).toBe(`${fixture.a.id},2026-12-05,09:00,10:00,Salle A,talk,الافتتاح,Ouverture,,,,,,,,,,,Nadia Benali`);
    expect(lines).toHaveLength(5);

    const dry = await upload(fixture, csv, true);
    expect(dry.status).toBe(200);
    expect(dry.body).toEqual({ dryRun: true, sessions: { created: 0, updated: 4 }, rooms: { created: [] }, speakers: { created: [] }, problems: [], suggestions: [] });
    expect((await upload(fixture, csv)).status).toBe(200);
    const after = await agendaOf(testServer(), fixture.event.code);
    expect(after.sessions).toStrictEqual(before.sessions);
    expect(after.rooms).toStrictEqual(before.rooms);
    expect(after.speakers).toStrictEqual(before.speakers);
  });

  it('imports the documented template: the dry run lists the rooms and speakers it would create and writes nothing', async () => {
    const fixture = await agendaFixture(testServer());
    const before = await agendaOf(testServer(), fixture.event.code);
    // The template's morning overlaps the fixture's room A: move those sessions out of the way first.
    for (const session of [fixture.a, fixture.b, fixture.c]) await api(testServer(), 'DELETE', `/sessions/${session.id}`, { token: fixture.token });
    const dry = await upload(fixture, TEMPLATE, true);
    expect(dry.body).toMatchObject({
      dryRun: true,
      sessions: { created: 4, updated: 0 },
      rooms: { created: ['Hall'] },
      speakers: { created: ['Hicham El Idrissi', 'Zineb Alaoui'] },
      problems: [],
    });
    expect((await agendaOf(testServer(), fixture.event.code)).rooms).toStrictEqual(before.rooms);
    const done = await upload(fixture, TEMPLATE);
    expect(done.body.dryRun).toBe(false);
    const agenda = await agendaOf(testServer(), fixture.event.code);
    expect(agenda.rooms.map((room) => room.name.fr)).toEqual(['Salle A', 'Salle B', 'Hall']);
    expect(agenda.speakers.map((speaker) => speaker.name).sort()).toEqual(['Hicham El Idrissi', 'Nadia Benali', 'Zineb Alaoui']);
    const panel = agenda.sessions.find((session) => session.title.en === 'Youth and migration');
    expect(panel).toMatchObject({ kind: 'panel', startsAt: '2026-12-05T08:30:00.000Z', endsAt: '2026-12-05T09:30:00.000Z', status: 'scheduled' });
    expect(panel?.description.fr).toBe('Table ronde, questions du public');
    expect(panel?.speakerIds).toHaveLength(2);
  });

  it('lists every broken line with a clear message and writes nothing', async () => {
    const fixture = await agendaFixture(testServer());
    const before = await agendaOf(testServer(), fixture.event.code);
    const csv = [
      HEADER,
      ',2026-12-05,13:00,14:00,Salle A,talk,Bon,,', // line 2: fine
      ',2026-12-05,25:00,26:00,Salle A,talk,Heure,,', // 3: bad time
      ',05/12/2026,13:00,14:00,Salle A,talk,Jour,,', // 4: bad day
      ',2026-12-05,15:00,14:00,Salle A,talk,Envers,,', // 5: end before start
      ',2026-12-05,15:00,16:00,Salle A,party,Fête,,', // 6: unknown kind
      ',2026-12-05,15:00,16:00,Salle A,talk,Trop,,,extra', // 7: one cell too many
      ',2026-12-05,13:30,14:30,Salle A,talk,Chevauche,,', // 8: overlaps line 2
      'se_nope,2026-12-05,16:00,17:00,Salle A,talk,Inconnu,,', // 9: unknown id
      ',2026-12-05,09:30,09:45,Salle A,talk,Sur Ouverture,,', // 10: overlaps a planned session
      ',2026-12-09,09:00,10:00,Salle A,talk,Après,,', // 11: after the event
      ',2026-12-05,17:00,18:00,,talk,Sans salle,,', // 12: no room
      ',2026-12-05,18:00,19:00,Salle A,talk,,,', // 13: no title
    ].join('\n');
    const reply = await upload(fixture, csv);
    expect(reply.status).toBe(400);
    const error = errorOf(reply);
    expect(error.code).toBe('invalid_input');
    const problems = error.details?.problems ?? [];
    const byLine = (line: number) => problems.filter((problem) => problem.line === line);
    expect(problems.map((problem) => problem.line)).not.toContain(2);
    expect(byLine(3).map((problem) => problem.column)).toEqual(['start', 'end']);
    expect(byLine(3)[0]?.message).toContain('25:00');
    expect(byLine(4)).toMatchObject([{ column: 'day' }]);
    expect(byLine(5)).toMatchObject([{ column: 'end', message: expect.stringContaining('after') }]);
    expect(byLine(6)).toMatchObject([{ column: 'kind', message: expect.stringContaining('party') }]);
    expect(byLine(7)[0]?.message).toContain('cells');
    expect(byLine(8)).toMatchObject([{ message: expect.stringContaining('line 2') }]);
    expect(byLine(9)).toMatchObject([{ column: 'id' }]);
    expect(byLine(10)).toMatchObject([{ message: expect.stringContaining(fixture.a.id) }]);
    expect(byLine(11)).toMatchObject([{ column: 'start' }]);
    expect(byLine(12)).toMatchObject([{ column: 'room' }]);
    expect(byLine(13)).toMatchObject([{ column: 'title_en' }]);
    // Each problem is a code with its specifics, for the web to say in the reader's language (issue 25.5).
    expect(problems.map((problem) => [problem.line, problem.code])).toEqual([
      [3, 'bad_time'],
      [3, 'bad_time'],
      [4, 'bad_day'],
      [5, 'end_before_start'],
      [6, 'bad_kind'],
      [7, 'cell_count'],
      [8, 'overlap'],
      [9, 'unknown_session'],
      [10, 'overlap'],
      [11, 'after_event'],
      [12, 'no_room'],
      [13, 'no_title'],
    ]);
    expect(byLine(3)[0]?.params).toEqual({ value: '25:00' });
    expect(byLine(6)[0]?.params).toEqual({ value: 'party' });
    expect(byLine(7)[0]?.params).toEqual({ count: 10, expected: 9 });
    expect(byLine(8)[0]?.params).toEqual({ room: 'Salle A', sessions: [{ title: 'Bon', line: 2 }] });
    expect(byLine(10)[0]?.params?.sessions).toEqual([{ title: 'Ouverture', id: fixture.a.id }]);
    expect(byLine(11)[0]?.params).toEqual({ day: fixture.event.endDate });
    // The dry run says the same, as a 400 too; nothing was written either way.
    expect(errorOf(await upload(fixture, csv, true)).details?.problems).toEqual(problems);
    expect(await agendaOf(testServer(), fixture.event.code)).toStrictEqual(before);
  });

  it('refuses a file that is not the agenda: unknown columns, missing ones, broken quotes', async () => {
    const fixture = await agendaFixture(testServer());
    const unknown = errorOf(await upload(fixture, 'day,start,end,room,title_fr,salary\n2026-12-05,13:00,14:00,Salle A,X,1000'));
    expect(unknown.details?.problems).toMatchObject([{ line: 1, column: 'salary', code: 'unknown_column', params: { value: 'salary' } }]);
    const missing = errorOf(await upload(fixture, 'day,start,title_fr\n2026-12-05,13:00,X'));
    expect(missing.details?.problems?.map((problem) => problem.column)).toEqual(['end', 'room']);
    const quotes = errorOf(await upload(fixture, `${HEADER}\n,2026-12-05,13:00,14:00,"Salle A,talk,X,,\n`));
    expect(quotes.code).toBe('invalid_input');
    expect(quotes.details?.problems?.[0]).toMatchObject({ code: 'not_csv', message: expect.stringContaining('not valid CSV') });
    expect(errorOf(await upload(fixture, '')).code).toBe('invalid_input');
  });

  it('keeps formulas from running in a spreadsheet, and the title still round-trips', async () => {
    const fixture = await agendaFixture(testServer());
    const formula = '=HYPERLINK("http://evil.example","click")';
    await api(testServer(), 'PATCH', `/sessions/${fixture.x.id}`, { token: fixture.token, body: { title: { fr: formula } } });
    const csv = await exported(fixture);
    expect(csv).toContain(`"'=HYPERLINK(""http://evil.example"",""click"")"`);
    expect(csv).not.toMatch(/,=HYPERLINK/);
    expect((await upload(fixture, csv)).status).toBe(200);
    expect((await agendaOf(testServer(), fixture.event.code)).sessions.find((s) => s.id === fixture.x.id)?.title).toEqual({ fr: formula });
  });

  it('cleans imported cells like any typed text: no bidi override or zero-width padding reaches a title (issue 19.5)', async () => {
    const fixture = await agendaFixture(testServer());
    const csv = (await exported(fixture)).replace('Ouverture', '\u202EOuverture\u200B\u200B');
    expect((await upload(fixture, csv)).status).toBe(200);
    expect((await agendaOf(testServer(), fixture.event.code)).sessions.find((s) => s.id === fixture.a.id)?.title['fr']).toBe('Ouverture');
  });

  it('takes kinds in the organizer\'s language and asks "did you mean" before creating a near-duplicate room or speaker (issue 25.5)', async () => {
    const fixture = await agendaFixture(testServer());
    const csv = [HEADER, ',2026-12-05,17:00,18:00,salle a,atelier,Premier,,Nadia Benalli', ',2026-12-05,18:00,19:00,Sale A,ورشة,Deux,,'].join('\n');
    const dry = await upload(fixture, csv, true);
    expect(dry.status).toBe(200);
    expect(dry.body.problems).toEqual([]);
    expect(dry.body.suggestions).toEqual(
      expect.arrayContaining([{ kind: 'room', name: 'Sale A', existing: 'Salle A' }, { kind: 'speaker', name: 'Nadia Benalli', existing: 'Nadia Benali' }]),
    );
    expect(dry.body.rooms.created).toEqual([]);
    expect(dry.body.speakers.created).toEqual([]);
    // A real import waits for the choice; then "use" maps to the existing one, "create" makes a new one.
    expect(errorOf(await upload(fixture, csv)).details?.suggestions).toHaveLength(2);
    const query = `?use=${encodeURIComponent('Sale A')}&create=${encodeURIComponent('Nadia Benalli')}`;
    const done = await api<AgendaImportResult>(testServer(), 'POST', `/events/${fixture.event.id}/agenda.csv${query}`, { token: fixture.token, text: csv });
    expect(done.status).toBe(200);
    expect(done.body.speakers.created).toEqual(['Nadia Benalli']);
    const agenda = await agendaOf(testServer(), fixture.event.code);
    expect(agenda.rooms.map((room) => room.name.fr)).toEqual(['Salle A', 'Salle B']);
    const added = agenda.sessions.filter((session) => session.title.fr === 'Premier' || session.title.fr === 'Deux');
    expect(added.map((session) => session.kind)).toEqual(['workshop', 'workshop']);
  });

  it('is for organizers only', async () => {
    const fixture = await agendaFixture(testServer());
    const moderator = await staffOf(testServer(), fixture, 'moderator');
    const reply = await api(testServer(), 'POST', `/events/${fixture.event.id}/agenda.csv?dryRun=1`, { token: moderator, text: TEMPLATE });
    expect(errorOf(reply).code).toBe('forbidden');
    expect((await api(testServer(), 'GET', `/events/${fixture.event.id}/agenda.csv`)).status).toBe(401);
  });
});
