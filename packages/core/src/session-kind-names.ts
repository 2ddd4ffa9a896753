import { SESSION_KINDS, type SessionKind } from '@jisr/protocol/event';
import { foldText } from './text-fold.js';

/**
 * What organizers write in a spreadsheet's "kind" column, in the event's languages: an
 * agenda drafted in French says "atelier", not "workshop". A keynote is a talk; lunch and
 * coffee are breaks; an opening or closing is a ceremony. Names are compared folded (case,
 * accents, Arabic letter variants), so "Atelier", "ATELIER" and "cérémonie" all match.
 */
const NAMES: Record<SessionKind, readonly string[]> = {
  talk: [
    'talk', 'keynote', 'presentation', 'lecture', 'speech',
    'conférence', 'exposé', 'présentation', 'intervention', 'plénière',
    'vortrag', 'präsentation', 'rede', 'impulsvortrag',
    'ponencia', 'charla', 'conferencia', 'presentación',
    'lezing', 'presentatie', 'voordracht', 'toespraak',
    'مداخلة', 'محاضرة', 'كلمة', 'عرض',
  ],
  panel: [
    'panel', 'panel discussion', 'roundtable', 'round table', 'discussion', 'debate',
    'table ronde', 'débat', 'table-ronde',
    'podium', 'podiumsdiskussion', 'diskussion', 'gesprächsrunde',
    'mesa redonda', 'debate', 'coloquio',
    'paneldiscussie', 'rondetafel', 'debat', 'forum',
    'مائدة مستديرة', 'نقاش', 'ندوة', 'حلقة نقاش',
  ],
  workshop: [
    'workshop', 'hands-on', 'session de travail',
    'atelier',
    'werkstatt', 'arbeitsgruppe',
    'taller',
    'werkgroep', 'werksessie',
    'ورشة', 'ورشة عمل',
  ],
  break: [
    'break', 'coffee break', 'lunch', 'pause',
    'pause café', 'pause-café', 'déjeuner', 'repas',
    'kaffeepause', 'mittagspause', 'mittagessen',
    'pausa', 'descanso', 'almuerzo', 'comida', 'pausa café',
    'pauze', 'koffiepauze', 'lunchpauze',
    'استراحة', 'استراحة قهوة', 'غداء', 'استراحة غداء',
  ],
  ceremony: [
    'ceremony', 'opening', 'closing', 'welcome',
    'cérémonie', 'ouverture', 'clôture', 'accueil',
    'zeremonie', 'eröffnung', 'abschluss', 'begrüßung',
    'ceremonia', 'apertura', 'clausura', 'bienvenida',
    'ceremonie', 'afsluiting', 'welkom',
    'حفل', 'افتتاح', 'اختتام', 'حفل افتتاح', 'حفل اختتام',
  ],
};

const fold = (name: string) => foldText(name).replace(/\s+/g, ' ').trim();

const BY_NAME = new Map<string, SessionKind>(
  SESSION_KINDS.flatMap((kind) => [kind, ...NAMES[kind]].map((name): [string, SessionKind] => [fold(name), kind])),
);

/** The kind a written name stands for ("Atelier" → workshop, "ورشة" → workshop), or undefined. */
export function sessionKindFromName(name: string): SessionKind | undefined {
  return BY_NAME.get(fold(name));
}
