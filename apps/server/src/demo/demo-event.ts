import type { LocalizedText } from '@jisr/protocol/common';
import type { QaSettings, SessionKind, SessionStatus } from '@jisr/protocol/event';

/**
 * The demo event: a two-day meeting of a diaspora foundation in Brussels, three rooms,
 * a dozen sessions with titles in French, English and Arabic. Times are Brussels wall
 * clock on day 1 or 2 of the event (day 1 is the day the demo is created).
 */
export const DEMO_CODE = 'DEMO';
export const DEMO_TIME_ZONE = 'Europe/Brussels';

export const demoEvent = {
  title: {
    fr: 'Rencontres de la diaspora — Bruxelles',
    en: 'Diaspora Meetings — Brussels',
    ar: 'لقاءات الجالية — بروكسيل',
  },
  description: {
    fr: 'Deux jours d’échanges entre la fondation, ses partenaires et les Marocains d’Europe.',
    en: 'Two days of exchange between the foundation, its partners and Moroccans living in Europe.',
    ar: 'يومان من الحوار بين المؤسسة وشركائها ومغاربة أوروبا.',
  },
} satisfies { title: LocalizedText; description: LocalizedText };

export const demoRooms: LocalizedText[] = [
  { fr: 'Grande salle', en: 'Main hall', ar: 'القاعة الكبرى' },
  { fr: 'Salle Atlas', en: 'Atlas room', ar: 'قاعة الأطلس' },
  { fr: 'Salle Rif', en: 'Rif room', ar: 'قاعة الريف' },
];

export const demoSpeakers = [
  { name: 'Nadia El Amrani', affiliation: 'Fondation Jisr', country: 'BE', bio: { fr: 'Présidente de la fondation.', en: 'President of the foundation.', ar: 'رئيسة المؤسسة.' } },
  { name: 'Youssef Benali', affiliation: 'Barreau de Madrid', country: 'ES', bio: { fr: 'Avocat en droit des affaires.', en: 'Business lawyer.', ar: 'محامٍ في قانون الأعمال.' } },
  { name: 'Samira Haddou', affiliation: 'Université Mohammed V', country: 'MA', bio: { fr: 'Sociologue des migrations.', en: 'Sociologist of migration.', ar: 'باحثة في سوسيولوجيا الهجرة.' } },
  { name: 'Karim Ouazzani', affiliation: 'Atlas Ventures', country: 'DE', bio: { fr: 'Entrepreneur à Francfort.', en: 'Entrepreneur in Frankfurt.', ar: 'رائد أعمال في فرانكفورت.' } },
  { name: 'Leila Mansouri', affiliation: 'De Brug', country: 'NL', bio: { fr: 'Journaliste à Amsterdam.', en: 'Journalist in Amsterdam.', ar: 'صحفية في أمستردام.' } },
];

export interface DemoSession {
  day: 1 | 2;
  room: number;
  start: string;
  end: string;
  kind: SessionKind;
  title: LocalizedText;
  speakers: number[];
  status?: SessionStatus;
  qa: QaSettings;
  /** Questions already asked, with how many demo attendees upvoted each. */
  questions?: { lang: 'fr' | 'en' | 'ar'; text: string; votes: number; anonymous?: boolean }[];
}

const OPEN: QaSettings = { open: true, moderated: false, anonymousAllowed: true };
const MODERATED: QaSettings = { open: true, moderated: true, anonymousAllowed: true };
const NO_QA: QaSettings = { open: false, moderated: false, anonymousAllowed: false };

export const demoSessions: DemoSession[] = [
  { day: 1, room: 0, start: '09:00', end: '09:30', kind: 'ceremony', speakers: [0], qa: NO_QA, title: { fr: 'Ouverture officielle', en: 'Opening ceremony', ar: 'الافتتاح الرسمي' } },
  {
    day: 1, room: 0, start: '09:30', end: '10:30', kind: 'panel', speakers: [0, 2, 4], status: 'live', qa: OPEN,
    title: { fr: 'La diaspora, pont entre deux rives', en: 'The diaspora, a bridge between two shores', ar: 'الجالية، جسر بين ضفتين' },
    questions: [
      { lang: 'fr', text: 'Comment les jeunes de la diaspora peuvent-ils s’impliquer dans les projets éducatifs ?', votes: 5 },
      { lang: 'ar', text: 'ما هي خطط المؤسسة لدعم الشباب المغاربة في الخارج؟', votes: 3 },
      { lang: 'en', text: 'Will the recordings of today’s sessions be available online?', votes: 1, anonymous: true },
    ],
  },
  { day: 1, room: 0, start: '10:30', end: '11:00', kind: 'break', speakers: [], qa: NO_QA, title: { fr: 'Pause café', en: 'Coffee break', ar: 'استراحة شاي' } },
  { day: 1, room: 0, start: '11:00', end: '12:30', kind: 'panel', speakers: [1, 3], qa: MODERATED, title: { fr: 'Investir au Maroc : cadre juridique et garanties', en: 'Investing in Morocco: legal framework and guarantees', ar: 'الاستثمار في المغرب: الإطار القانوني والضمانات' } },
  { day: 1, room: 1, start: '11:00', end: '12:30', kind: 'workshop', speakers: [2], qa: OPEN, title: { fr: 'Atelier : transmettre l’arabe et l’amazighe', en: 'Workshop: passing on Arabic and Amazigh', ar: 'ورشة: نقل العربية والأمازيغية' } },
  { day: 1, room: 2, start: '11:00', end: '12:00', kind: 'talk', speakers: [1], qa: MODERATED, title: { fr: 'Démarches consulaires simplifiées', en: 'Consular procedures made simple', ar: 'تبسيط الإجراءات القنصلية' } },
  { day: 1, room: 0, start: '14:00', end: '15:30', kind: 'talk', speakers: [4], qa: OPEN, title: { fr: 'Jeunesse et engagement associatif', en: 'Youth and civic engagement', ar: 'الشباب والعمل الجمعوي' } },
  { day: 1, room: 1, start: '14:00', end: '15:30', kind: 'panel', speakers: [0, 4], qa: MODERATED, title: { fr: 'Femmes de la diaspora : parcours et leadership', en: 'Women of the diaspora: paths and leadership', ar: 'نساء الجالية: مسارات وريادة' } },
  { day: 1, room: 2, start: '14:00', end: '15:00', kind: 'workshop', speakers: [3], qa: OPEN, title: { fr: 'Entreprendre entre l’Europe et le Maroc', en: 'Doing business between Europe and Morocco', ar: 'ريادة الأعمال بين أوروبا والمغرب' } },
  { day: 2, room: 0, start: '09:30', end: '11:00', kind: 'panel', speakers: [1, 2], qa: MODERATED, title: { fr: 'Santé et protection sociale des retraités', en: 'Health and social protection for retirees', ar: 'الصحة والحماية الاجتماعية للمتقاعدين' } },
  { day: 2, room: 1, start: '09:30', end: '11:00', kind: 'talk', speakers: [4], qa: OPEN, title: { fr: 'Culture et patrimoine : le rôle des artistes', en: 'Culture and heritage: the role of artists', ar: 'الثقافة والتراث: دور الفنانين' } },
  { day: 2, room: 0, start: '11:30', end: '12:30', kind: 'ceremony', speakers: [0], qa: NO_QA, title: { fr: 'Clôture et recommandations', en: 'Closing and recommendations', ar: 'الاختتام والتوصيات' } },
];
