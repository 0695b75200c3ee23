/**
 * Name, place and organisation lists for synthetic training sentences, read from the locale data
 * of @faker-js/faker (MIT; see training/LICENSES.md). Training only: nothing here ships with the
 * app. Latin, Greek and Cyrillic script locales that the sources' languages and their
 * neighbours use; template strings ({{...}}) are skipped.
 */
import { allLocales } from '@faker-js/faker';

type Tree = Record<string, unknown>;

/** Locales whose names/places appear in the kind of text Hearth sees (Europe, Americas, Africa, Asia in Latin script). */
const LOCALES = [
  'en',
  'en_US',
  'en_GB',
  'en_AU',
  'en_CA',
  'en_IE',
  'en_IN',
  'en_NG',
  'en_ZA',
  'en_GH',
  'de',
  'de_AT',
  'de_CH',
  'da',
  'sv',
  'nb_NO',
  'fi',
  'nl',
  'nl_BE',
  'fr',
  'fr_BE',
  'fr_CA',
  'fr_CH',
  'es',
  'es_MX',
  'pt_BR',
  'pt_PT',
  'it',
  'pl',
  'cs_CZ',
  'sk',
  'sl_SI',
  'hr',
  'hu',
  'ro',
  'tr',
  'lv',
  'id_ID',
  'vi',
  'af_ZA',
  'yo_NG',
  'zu_ZA',
  'el',
  'ru',
  'uk',
];

function strings(v: unknown): string[] {
  if (typeof v === 'string') return [v];
  if (Array.isArray(v)) return v.flatMap(strings);
  if (v && typeof v === 'object') return Object.values(v).flatMap(strings);
  return [];
}

const USABLE = /^(?=.*\p{L})[^\d()[\]{}#]+$/u;

function collect(section: string, key: string, locales: readonly string[] = LOCALES): string[] {
  const out = new Set<string>();
  for (const loc of locales) {
    const def = (allLocales as Record<string, Tree>)[loc];
    const sec = def?.[section] as Tree | undefined;
    for (const s of strings(sec?.[key])) {
      const t = s.trim();
      if (USABLE.test(t) && t.length <= 40) out.add(t);
    }
  }
  return [...out].sort();
}

function airlines(): string[] {
  const en = (allLocales as Record<string, Tree>).en;
  const list = (en?.airline as Tree | undefined)?.airline;
  return Array.isArray(list)
    ? list
        .map((a: unknown) => (a && typeof a === 'object' ? (a as { name?: unknown }).name : ''))
        .filter((n): n is string => typeof n === 'string' && n.length > 0)
    : [];
}

/** One list per locale, so that a sampler can pick a locale first (large locales do not dominate). */
const perLocale = (section: string, key: string): string[][] =>
  LOCALES.map((l) => collect(section, key, [l])).filter((a) => a.length > 0);

export const FAKER_FIRST_NAMES = perLocale('person', 'first_name');
export const FAKER_LAST_NAMES = perLocale('person', 'last_name');
export const FAKER_CITIES = perLocale('location', 'city_name');
export const FAKER_COUNTRIES = collect('location', 'country');
export const FAKER_STATES = collect('location', 'state');
export const FAKER_LEGAL_FORMS = collect('company', 'legal_entity_type');
export const FAKER_COMPANY_NOUNS = collect('company', 'noun', ['en']).filter((w) => !/\s/.test(w));
export const FAKER_TEAM_CREATURES = collect('team', 'creature', ['en']);
export const FAKER_AIRLINES = airlines();
