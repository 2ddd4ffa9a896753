import { foldText } from '@jisr/core/text-fold';

/**
 * An event's city as its time zone (issue 25.6): an organizer types "Bruxelles" or
 * "Madrid", not "Europe/Brussels". Most cities are the last part of a zone's name
 * (Madrid, Amsterdam, Casablanca, Tunis); this table holds only the cities that are not,
 * or are spelled otherwise in the event's languages. A short list on purpose: no
 * gazetteer is worth its weight in the organizer's bundle for the few cities events meet in.
 */
const CITY_ZONES: Readonly<Record<string, string>> = {
  'Europe/Brussels': 'bruxelles brussel bruessel anvers antwerpen antwerp gand gent ghent liege luik namur bruges brugge louvain leuven mons charleroi بروكسل',
  'Europe/Amsterdam': 'la haye den haag the hague rotterdam utrecht eindhoven أمستردام',
  'Europe/Berlin': 'frankfurt francfort francfort-sur-le-main munich muenchen münchen cologne koeln köln hamburg hambourg dusseldorf düsseldorf stuttgart bonn فرانكفورت',
  'Europe/Paris': 'lyon marseille toulouse lille nice nantes strasbourg bordeaux montpellier باريس',
  'Europe/Madrid': 'barcelone barcelona seville sevilla valence valencia malaga bilbao',
  'Europe/London': 'londres manchester birmingham edimbourg edinburgh لندن',
  'Europe/Zurich': 'geneve genève geneva genf bern berne bâle basel lausanne',
  'Europe/Rome': 'milan milano rome roma naples napoli turin torino',
  'Europe/Lisbon': 'lisbonne lisboa porto',
  'Africa/Casablanca': 'rabat marrakech marrakesh fes fès fez tanger tangier agadir oujda tetouan meknes الرباط مراكش فاس طنجة الدار البيضاء',
  'Africa/Algiers': 'alger oran constantine الجزائر',
  'Africa/Cairo': 'le caire caire cairo alexandrie alexandria القاهرة',
  'Africa/Tunis': 'sfax sousse تونس',
  'America/Toronto': 'montreal montréal ottawa quebec québec',
  'America/New_York': 'new york washington boston',
};

/** Folded for comparing: case, accents, spaces and dashes as underscores ("New York" is New_York). */
const fold = (text: string) => foldText(text).trim().replace(/[\s-]+/g, '_');

const BY_CITY = new Map<string, string>(
  Object.entries(CITY_ZONES).flatMap(([zone, cities]) =>
    // Multi-word cities are written with underscores in the table's own folding.
    cities
      .replace(/la haye|den haag|the hague|new york|le caire|الدار البيضاء|francfort-sur-le-main/g, (name) => name.replace(/[\s-]/g, '_'))
      .split(' ')
      .map((city): [string, string] => [fold(city), zone]),
  ),
);

/** Zones that are places people meet in (not Etc/GMT+3 nor an Antarctic base named after a person). */
const placeZone = (zone: string) => zone.includes('/') && !zone.startsWith('Etc/') && !zone.startsWith('Antarctica/');

/**
 * The zone a typed text stands for: the zone itself (any case), a city that ends a zone's
 * name ("madrid" → Europe/Madrid), or one of the table's ("Bruxelles" → Europe/Brussels).
 * Undefined when none.
 */
export function zoneForPlace(text: string, zones: readonly string[]): string | undefined {
  const wanted = fold(text);
  if (!wanted) return undefined;
  const exact = zones.find((zone) => fold(zone) === wanted);
  if (exact) return exact;
  const byCity = zones.find((zone) => placeZone(zone) && fold(zone.slice(zone.lastIndexOf('/') + 1)) === wanted);
  return byCity ?? BY_CITY.get(wanted);
}

/**
 * The zone of a city named in a text such as an event's title ("Forum de la jeunesse —
 * Bruxelles"): its words and pairs of words, the last city named winning. Undefined when
 * it names none.
 */
export function zoneInText(text: string, zones: readonly string[]): string | undefined {
  const words = text.split(/[\s,;:·—–()«»"“”/|]+/u).filter((word) => word.length >= 3 || /[\u0600-\u06FF]/u.test(word));
  let found: string | undefined;
  for (let index = 0; index < words.length; index += 1) {
    const pair = index + 1 < words.length ? zoneForPlace(`${words[index]} ${words[index + 1]}`, zones) : undefined;
    const single = zoneForPlace(words[index] ?? '', zones);
    // A single word that is a zone's own full name ("UTC") is no city in a title.
    const city = single && !(words[index] ?? '').includes('/') && single.includes('/') ? single : undefined;
    found = pair ?? city ?? found;
  }
  return found;
}
