// The search of the start page as the URL's query, so that a search can be shared and
// survives a reload: ?ort=Gütersloh&lat=51.9&lon=8.38&umkreis=10&kategorien=shopping,reading.
// Only a typed place goes there; the device's position never does.
import { isCategory } from './categories';
import { RADIUS_DEFAULT, RADIUS_MAX, RADIUS_MIN, type RemoteFilter } from './search';

export type Period = '' | 'today' | 'week' | 'month';
export type View = 'map' | 'discover';

export interface SearchState {
  place: { name: string; lat: number; lon: number } | null;
  radiusKm: number;
  categories: string[];
  q: string;
  remote: RemoteFilter;
  period: Period;
  view: View;
}

const remoteWords: Record<Exclude<RemoteFilter, 'all'>, string> = { onsite: 'vor-ort', remote: 'ortsunabhaengig' };
const periodWords: Record<Exclude<Period, ''>, string> = { today: 'heute', week: 'woche', month: 'monat' };

function key<T extends string>(words: Record<T, string>, word: string | undefined): T | null {
  const found = Object.entries(words).find(([, w]) => w === word);
  return found ? (found[0] as T) : null;
}

function number(text: string | undefined, min: number, max: number): number | null {
  if (text === undefined || text.trim() === '') return null;
  const value = Number(text);
  return Number.isFinite(value) && value >= min && value <= max ? value : null;
}

/** The search the query describes; what is missing or malformed takes its default. */
export function fromQuery(query: Record<string, string>): SearchState {
  const lat = number(query.lat, -90, 90);
  const lon = number(query.lon, -180, 180);
  const name = (query.ort ?? '').trim().slice(0, 100);
  const radius = number(query.umkreis, RADIUS_MIN, RADIUS_MAX);
  return {
    place: lat !== null && lon !== null ? { name, lat, lon } : null,
    radiusKm: radius === null ? RADIUS_DEFAULT : Math.round(radius * 2) / 2,
    categories: [...new Set((query.kategorien ?? '').split(',').filter(isCategory))],
    q: (query.stichwort ?? '').slice(0, 200),
    remote: key(remoteWords, query.art) ?? 'all',
    period: key(periodWords, query.zeitraum) ?? '',
    view: query.ansicht === 'entdecken' ? 'discover' : 'map',
  };
}

/** The query of a search; defaults are left out. */
export function toQuery(state: SearchState): Record<string, string | number | null> {
  return {
    ort: state.place?.name ?? null,
    lat: state.place ? state.place.lat.toFixed(5) : null,
    lon: state.place ? state.place.lon.toFixed(5) : null,
    umkreis: state.radiusKm === RADIUS_DEFAULT ? null : state.radiusKm,
    kategorien: state.categories.join(',') || null,
    stichwort: state.q.trim() || null,
    art: state.remote === 'all' ? null : remoteWords[state.remote],
    zeitraum: state.period === '' ? null : periodWords[state.period],
    ansicht: state.view === 'discover' ? 'entdecken' : null,
  };
}
