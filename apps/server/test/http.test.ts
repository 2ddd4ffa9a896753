import type { ApiError } from '@jisr/protocol/errors';
import type { EventAgenda, JoinResponse, LoginResponse } from '@jisr/protocol/http';
import { describe, expect, it } from 'vitest';
import { ORGANIZER, postJson, useTestServer } from './harness.js';

const testServer = useTestServer();

async function errorOf(response: Response): Promise<ApiError> {
  return ((await response.json()) as { error: ApiError }).error;
}

describe('POST /api/join', () => {
  it('gives an attendee token for a valid code, any case, without leaking the owner', async () => {
    const response = await postJson(`${testServer().url}/api/join`, { code: ' test ', name: 'Amina', lang: 'ar' });
    expect(response.status).toBe(201);
    const body = (await response.json()) as JoinResponse;
    expect(body.token).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(body.participant).toMatchObject({ eventId: testServer().event.id, name: 'Amina', lang: 'ar' });
    expect(body.event.code).toBe('TEST');
    expect(body.event).not.toHaveProperty('ownerId');
  });

  it('refuses a malformed code naming the field, and an unknown one as not_found', async () => {
    const bad = await postJson(`${testServer().url}/api/join`, { code: 'no spaces!' });
    expect(bad.status).toBe(400);
    expect(await errorOf(bad)).toMatchObject({ code: 'invalid_input', field: 'code' });
    const unknown = await postJson(`${testServer().url}/api/join`, { code: 'NOPE42' });
    expect(unknown.status).toBe(404);
    expect(await errorOf(unknown)).toMatchObject({ code: 'not_found' });
  });

  it('answers broken JSON and oversized bodies with invalid_input, never 500', async () => {
    const broken = await postJson(`${testServer().url}/api/join`, '{"code":');
    expect(broken.status).toBe(400);
    expect((await errorOf(broken)).code).toBe('invalid_input');
    const huge = await postJson(`${testServer().url}/api/join`, { code: 'TEST', name: 'x'.repeat(100_000) });
    expect(huge.status).toBe(413);
    expect((await errorOf(huge)).code).toBe('invalid_input');
  });
});

describe('GET /api/events/:code', () => {
  it('returns the public agenda', async () => {
    const response = await fetch(`${testServer().url}/api/events/test`);
    expect(response.status).toBe(200);
    const agenda = (await response.json()) as EventAgenda;
    expect(agenda.event.id).toBe(testServer().event.id);
    expect(agenda.event).not.toHaveProperty('ownerId');
    expect(agenda.rooms).toHaveLength(1);
    expect(agenda.sessions.map((session) => session.id).sort()).toEqual(
      Object.values(testServer().sessions).map((session) => session.id).sort(),
    );
  });

  it('says not_found for an unknown code and a JSON 404 for unknown routes', async () => {
    expect((await fetch(`${testServer().url}/api/events/NOPE42`)).status).toBe(404);
    const missing = await fetch(`${testServer().url}/api/nothing-here`);
    expect(missing.status).toBe(404);
    expect((await errorOf(missing)).code).toBe('not_found');
  });
});

describe('POST /api/auth/login', () => {
  it('gives a staff token for the right password only', async () => {
    const ok = await postJson(`${testServer().url}/api/auth/login`, ORGANIZER);
    expect(ok.status).toBe(200);
    const body = (await ok.json()) as LoginResponse;
    expect(body.user.email).toBe(ORGANIZER.email);
    expect(body.user).not.toHaveProperty('passwordHash');
    const wrong = await postJson(`${testServer().url}/api/auth/login`, { ...ORGANIZER, password: 'wrong password' });
    expect(wrong.status).toBe(401);
    expect((await errorOf(wrong)).code).toBe('unauthorized');
    const unknown = await postJson(`${testServer().url}/api/auth/login`, { email: 'nobody@example.org', password: 'x' });
    expect(unknown.status).toBe(401);
    const malformed = await postJson(`${testServer().url}/api/auth/login`, { email: 'not-an-email', password: 'x' });
    expect(await errorOf(malformed)).toMatchObject({ code: 'invalid_input', field: 'email' });
  });
});

describe('health', () => {
  it('is alive and ready while the store answers', async () => {
    expect((await fetch(`${testServer().url}/healthz`)).status).toBe(200);
    const ready = await fetch(`${testServer().url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ ok: true, store: true });
  });
});

describe('HSTS (issue 19.10)', () => {
  const https = useTestServer({ env: { PUBLIC_URL: 'https://jisr.example.org' } });

  it('is sent only when PUBLIC_URL is https', async () => {
    expect((await fetch(`${testServer().url}/api/events/TEST`)).headers.get('strict-transport-security')).toBeNull();
    expect((await fetch(`${testServer().url}/healthz`)).headers.get('strict-transport-security')).toBeNull();
    expect((await fetch(`${https().url}/healthz`)).headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
  });
});
