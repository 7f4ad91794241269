// How full a need is, as the group's pages show it: over the shifts still to come (once all
// have begun, over all of them), with the people waiting or asking.
import type { Need, Shift } from './needs';

export interface Fill {
  taken: number;
  capacity: number;
  waitlisted: number;
  requested: number;
  /** The next shift that has not begun, or null. */
  next: Shift | null;
}

export function needFill(need: Need): Fill {
  const upcoming = need.shifts.filter((s) => !s.started);
  const counted = upcoming.length > 0 ? upcoming : need.shifts;
  const sum = (pick: (s: Shift) => number) => counted.reduce((total, s) => total + pick(s), 0);
  return {
    taken: sum((s) => s.taken),
    capacity: sum((s) => s.capacity),
    waitlisted: sum((s) => s.waitlisted),
    requested: sum((s) => s.requested),
    next: upcoming[0] ?? null,
  };
}
