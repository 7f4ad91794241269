// The checks of a new password in the browser; the server checks again.
import { t } from './i18n.svelte';

/** The server's minimum length of a password. */
export const minPasswordLength = 10;

/** Messages for a new password and its repetition that are missing, too short or differ. */
export function newPasswordErrors(password: string, repeat: string): { password?: string; repeat?: string } {
  const errors: { password?: string; repeat?: string } = {};
  if (!password) errors.password = t('reset.errorPasswordRequired');
  else if (password.length < minPasswordLength) errors.password = t('register.errorPasswordShort');
  if (!repeat) errors.repeat = t('reset.errorRepeatRequired');
  else if (password && repeat !== password) errors.repeat = t('reset.errorRepeatMismatch');
  return errors;
}
