import { describe, expect, it } from 'vitest';
import { zoneForPlace, zoneInText } from './zone-search.js';

const zones = Intl.supportedValuesOf('timeZone');

describe("an event's city as its time zone (issue 25.6)", () => {
  it('takes the city as the organizer writes it, in their language', () => {
    expect(zoneForPlace('Bruxelles', zones)).toBe('Europe/Brussels');
    expect(zoneForPlace('Brussel', zones)).toBe('Europe/Brussels');
    expect(zoneForPlace('madrid', zones)).toBe('Europe/Madrid');
    expect(zoneForPlace('Rabat', zones)).toBe('Africa/Casablanca');
    expect(zoneForPlace('Frankfurt', zones)).toBe('Europe/Berlin');
    expect(zoneForPlace('Francfort', zones)).toBe('Europe/Berlin');
    expect(zoneForPlace('New York', zones)).toBe('America/New_York');
    expect(zoneForPlace('Montréal', zones)).toBe('America/Toronto');
    expect(zoneForPlace('الرباط', zones)).toBe('Africa/Casablanca');
    expect(zoneForPlace('europe/brussels', zones)).toBe('Europe/Brussels');
    expect(zoneForPlace('Atlantis', zones)).toBeUndefined();
    expect(zoneForPlace('', zones)).toBeUndefined();
  });

  it('finds the city in an event title, and nothing in a title without one', () => {
    expect(zoneInText('Forum de la jeunesse de la diaspora — Bruxelles', zones)).toBe('Europe/Brussels');
    expect(zoneInText('Rencontres de Rabat 2027', zones)).toBe('Africa/Casablanca');
    expect(zoneInText('Sommet, Le Caire', zones)).toBe('Africa/Cairo');
    expect(zoneInText('Forum de la jeunesse', zones)).toBeUndefined();
    // Antarctic bases are named after people: "Davis" is no city.
    expect(zoneInText('Conférence Angela Davis', zones)).toBeUndefined();
  });
});
