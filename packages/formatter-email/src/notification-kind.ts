import { type NotificationType, NotificationTypes } from '@tqalert/core';
import { headerSafe } from './header-text.js';

interface KindLabels {
  one: string;
  many: string;
}

const KNOWN: Record<string, KindLabels> = {
  [NotificationTypes.WATCHLIST]: { one: 'Watchlist change', many: 'watchlist changes' },
  [NotificationTypes.DATA_COLLECTION]: { one: 'Data collection match', many: 'data collection matches' },
  [NotificationTypes.FREE_FORM]: { one: 'Notice', many: 'notices' },
};

/** How a notification type reads in a heading, for one alert and for a digest of many. */
export function kindLabels(type: NotificationType): KindLabels {
  const known = KNOWN[type];
  if (known) return known;
  // A type a plugin added: show it as given, made safe for the subject line and kept short.
  const name = headerSafe(type).slice(0, 60) || 'TQ Alert';
  return { one: `${name} alert`, many: `${name} alerts` };
}
