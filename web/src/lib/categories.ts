// The fixed categories of needs (ids as the API names them) and their words in both languages.
// Kept here rather than in the message catalogues so that every page that shows or picks a
// category uses the same list in the same order.
import { currentLang, type Lang } from './i18n.svelte';

export const categories = [
  'shopping',
  'reading',
  'phone',
  'transport',
  'seniors',
  'children_youth',
  'sport',
  'environment',
  'animals',
  'culture',
  'refugees',
  'disaster_relief',
  'events',
  'tutoring',
  'other',
] as const;

export type Category = (typeof categories)[number];

const labels: Record<Lang, Record<Category, string>> = {
  de: {
    shopping: 'Einkaufshilfe',
    reading: 'Vorlesen',
    phone: 'Telefonate gegen Einsamkeit',
    transport: 'Fahrdienste',
    seniors: 'Seniorenhilfe',
    children_youth: 'Kinder und Jugend',
    sport: 'Sport',
    environment: 'Umwelt und Natur',
    animals: 'Tierschutz',
    culture: 'Kultur',
    refugees: 'Geflüchtetenhilfe',
    disaster_relief: 'Katastrophenschutz',
    events: 'Veranstaltungen',
    tutoring: 'Nachhilfe',
    other: 'Sonstiges',
  },
  en: {
    shopping: 'Shopping help',
    reading: 'Reading aloud',
    phone: 'Phone calls against loneliness',
    transport: 'Driving services',
    seniors: 'Help for older people',
    children_youth: 'Children and young people',
    sport: 'Sport',
    environment: 'Environment and nature',
    animals: 'Animal welfare',
    culture: 'Culture',
    refugees: 'Help for refugees',
    disaster_relief: 'Civil protection',
    events: 'Events',
    tutoring: 'Tutoring',
    other: 'Other',
  },
};

export function isCategory(value: string): value is Category {
  return (categories as readonly string[]).includes(value);
}

/** The category's word in the current language; an unknown id is shown as it is. */
export function categoryLabel(category: string): string {
  return isCategory(category) ? labels[currentLang()][category] : category;
}

/** The categories as options of a select, in the fixed order. */
export function categoryOptions(): { value: Category; label: string }[] {
  return categories.map((c) => ({ value: c, label: categoryLabel(c) }));
}
