import { describe, expect, it } from 'vitest';
import { earlyRequests } from './early-requests.js';

describe('earlyRequests', () => {
  it('preloads the agenda of the event an event page belongs to, by the URL its load fetches', () => {
    const link = '<link rel="preload" href="/api/events/DEMO" as="fetch" crossorigin="anonymous" />';
    expect(earlyRequests('/e/demo/s/se_1/moderate')).toBe(link);
    expect(earlyRequests('/e/DEMO/s/se_1/screen')).toBe(link);
    expect(earlyRequests('/e/DEMO/screens')).toBe(link);
  });

  it('preloads nothing for the agenda and a session page: their HTML comes with the agenda in it', () => {
    expect(earlyRequests('/e/DEMO')).toBe('');
    expect(earlyRequests('/e/DEMO/')).toBe('');
    expect(earlyRequests('/e/demo/s/se_1')).toBe('');
    expect(earlyRequests('/e/demo/s/se_1/')).toBe('');
  });

  it('preloads nothing elsewhere, nor for what is not a join code', () => {
    expect(earlyRequests('/')).toBe('');
    expect(earlyRequests('/admin/e/DEMO')).toBe('');
    expect(earlyRequests('/e/%3Cx%3E')).toBe('');
    expect(earlyRequests('/e/ab')).toBe('');
  });
});
