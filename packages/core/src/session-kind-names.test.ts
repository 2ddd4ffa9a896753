import { describe, expect, it } from 'vitest';
import { sessionKindFromName } from './session-kind-names.js';

describe('session kinds by name (issue 25.5)', () => {
  it('takes the protocol names as they are', () => {
    for (const kind of ['talk', 'panel', 'workshop', 'break', 'ceremony'] as const) expect(sessionKindFromName(kind)).toBe(kind);
  });

  it("takes a workshop in each of the event's languages, whatever the case or accents", () => {
    for (const name of ['atelier', 'Atelier', 'Werkstatt', 'workshop', 'taller', 'werkgroep', 'ورشة', 'ورشة عمل']) {
      expect(sessionKindFromName(name), name).toBe('workshop');
    }
  });

  it('takes breaks, keynotes, panels and ceremonies in each language', () => {
    for (const name of ['pause', 'Pause café', 'Kaffeepause', 'pausa', 'pauze', 'استراحة']) expect(sessionKindFromName(name), name).toBe('break');
    for (const name of ['keynote', 'Conférence', 'Vortrag', 'ponencia', 'lezing', 'محاضرة']) expect(sessionKindFromName(name), name).toBe('talk');
    for (const name of ['table ronde', 'Table  Ronde', 'Podiumsdiskussion', 'mesa redonda', 'paneldiscussie', 'مائدة مستديرة']) {
      expect(sessionKindFromName(name), name).toBe('panel');
    }
    for (const name of ['Cérémonie', 'ceremonie', 'Eröffnung', 'clausura', 'حفل']) expect(sessionKindFromName(name), name).toBe('ceremony');
  });

  it('knows no kind for anything else', () => {
    expect(sessionKindFromName('concert')).toBeUndefined();
    expect(sessionKindFromName('')).toBeUndefined();
  });
});
