// Words for a volunteer's engagements: the place of a need, hours, attendance.
import { currentLang, t } from './i18n.svelte';
import type { Attendance, NeedLocation } from './needs';

/** Where a need takes place: address and place name, or "telefonisch / online". */
export function placeText(need: { remote: boolean; location: NeedLocation | null }): string {
  if (need.remote || !need.location) return t('need.remote');
  const parts = [need.location.address, need.location.placeName].filter((p): p is string => !!p && p.trim() !== '');
  if (parts.length > 0) return parts.join(', ');
  const number = new Intl.NumberFormat(currentLang() === 'de' ? 'de-DE' : 'en-GB', { maximumFractionDigits: 4 });
  return t('need.placeCoordinates', { lat: number.format(need.location.lat), lon: number.format(need.location.lon) });
}

/** The bare number of hours: "2,5" / "2.5" (format.ts formatHours adds the unit). */
export function hoursNumber(hours: number): string {
  return new Intl.NumberFormat(currentLang() === 'de' ? 'de-DE' : 'en-GB', { maximumFractionDigits: 2 }).format(hours);
}

/** What the group recorded after a shift. */
export function attendanceText(attendance: Attendance | null, hours: number | null): string {
  if (attendance === 'attended') {
    return hours === null ? t('engagements.attended') : t('engagements.attendedHours', { hours: hoursNumber(hours) });
  }
  if (attendance === 'no_show') return t('engagements.noShow');
  return t('engagements.notRecorded');
}
