// The display settings a person chooses on /einstellungen: text size, high contrast and reduced
// motion. They belong to this browser, not to the account, so they work without signing in and
// are kept in localStorage (never a cookie: the server must not learn them). They are applied
// to <html> as data attributes that app.css styles; main.ts applies them before the first paint.

export const TEXT_SIZES = [100, 125, 150, 200] as const;
export type TextSize = (typeof TEXT_SIZES)[number];
/** 'system' follows prefers-reduced-motion; 'reduce' and 'full' override it. */
export type MotionChoice = 'system' | 'reduce' | 'full';

export interface DisplaySettings {
  textSize: TextSize;
  contrast: boolean;
  motion: MotionChoice;
}

const STORAGE_KEY = 'hk-display';

function media(query: string): MediaQueryList | undefined {
  return typeof window !== 'undefined' && typeof window.matchMedia === 'function' ? window.matchMedia(query) : undefined;
}

const motionQuery = media('(prefers-reduced-motion: reduce)');
// Someone whose system asks for more contrast starts with high contrast (and may turn it off).
const DEFAULTS: DisplaySettings = {
  textSize: 100,
  contrast: media('(prefers-contrast: more)')?.matches ?? false,
  motion: 'system',
};

function isTextSize(value: unknown): value is TextSize {
  return TEXT_SIZES.includes(value as TextSize);
}

function isMotion(value: unknown): value is MotionChoice {
  return value === 'system' || value === 'reduce' || value === 'full';
}

/** The stored settings; anything unreadable falls back to the default of that setting. */
function stored(): DisplaySettings {
  try {
    const raw = localStorage.getItem(STORAGE_KEY);
    if (!raw) return { ...DEFAULTS };
    const value = JSON.parse(raw) as Partial<Record<keyof DisplaySettings, unknown>>;
    return {
      textSize: isTextSize(value.textSize) ? value.textSize : DEFAULTS.textSize,
      contrast: typeof value.contrast === 'boolean' ? value.contrast : DEFAULTS.contrast,
      motion: isMotion(value.motion) ? value.motion : DEFAULTS.motion,
    };
  } catch {
    // Storage disabled or the value damaged: the defaults apply.
    return { ...DEFAULTS };
  }
}

export const display = $state<DisplaySettings>(stored());
/** Whether the operating system currently asks for less motion. */
export const system = $state({ reducesMotion: motionQuery?.matches ?? false });

/** Whether motion is to be reduced now: chosen so, or left to a system that asks for it. */
export function reducedMotion(): boolean {
  if (display.motion === 'system') return system.reducesMotion;
  return display.motion === 'reduce';
}

/** Puts the settings on <html>, where app.css picks them up. */
function apply(): void {
  const root = document.documentElement;
  root.dataset.hkTextSize = String(display.textSize);
  root.dataset.hkMotion = reducedMotion() ? 'reduce' : 'full';
  // KERN's light theme is the base of high contrast, also where the system is dark.
  if (display.contrast) {
    root.dataset.hkContrast = 'high';
    root.dataset.kernTheme = 'light';
  } else {
    delete root.dataset.hkContrast;
    delete root.dataset.kernTheme;
  }
}

function save(): void {
  try {
    if (
      display.textSize === DEFAULTS.textSize &&
      display.contrast === DEFAULTS.contrast &&
      display.motion === DEFAULTS.motion
    ) {
      localStorage.removeItem(STORAGE_KEY);
    } else {
      localStorage.setItem(STORAGE_KEY, JSON.stringify(display));
    }
  } catch {
    // Not remembered, but applied for this visit.
  }
}

/** Changes some settings, applies them at once and remembers them in this browser. */
export function updateDisplay(change: Partial<DisplaySettings>): void {
  Object.assign(display, change);
  apply();
  save();
}

export function resetDisplay(): void {
  updateDisplay({ ...DEFAULTS });
}

let started = false;

/**
 * Applies the stored settings and follows later changes of the system setting and of the
 * settings in another tab. Called by main.ts before the app is mounted.
 */
export function startDisplaySettings(): void {
  apply();
  if (started) return;
  started = true;
  motionQuery?.addEventListener('change', (event) => {
    system.reducesMotion = event.matches;
    apply();
  });
  window.addEventListener('storage', (event) => {
    if (event.key !== STORAGE_KEY && event.key !== null) return;
    Object.assign(display, stored());
    apply();
  });
}
