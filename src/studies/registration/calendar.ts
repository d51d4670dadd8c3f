import { createEvent, type EventAttributes } from 'ics';
import type { Attachment } from '../../mail/mailer';

/** What a calendar file says about one focus-group session, already in the person's language. */
export interface CalendarEvent {
  /** Globally unique and stable for this person's seat (`registration-12@panel.example.gov`). */
  uid: string;
  start: Date;
  durationMinutes: number;
  title: string;
  description: string;
  /** The address for an in-person session; the video link for an online one. */
  location?: string | null;
  /** The video link, given only to people with a confirmed seat. */
  url?: string | null;
  /** When the calendar itself reminds them (minutes before the start). */
  alarmMinutesBefore?: number;
  /** Raised on every change of the same seat (switch, cancel), so calendars replace the old one. */
  sequence?: number;
  cancelled?: boolean;
}

const DEFAULT_ALARM_MINUTES = 60;

/**
 * An RFC 5545 calendar file for one session: UID, DTSTAMP (the injected clock), the start as a
 * UTC instant (so every calendar shows it right across daylight-saving changes), location or
 * video link, and a display alarm.
 */
export function calendarFile(e: CalendarEvent, now: Date): string {
  // `timestamp` (DTSTAMP) is read by ics but missing from its types.
  const attributes: EventAttributes & { timestamp: number } = {
    uid: e.uid,
    productId: 'civic-panel',
    method: 'PUBLISH',
    timestamp: now.getTime(),
    start: e.start.getTime(),
    startInputType: 'utc',
    startOutputType: 'utc',
    duration: { minutes: e.durationMinutes },
    title: e.title,
    description: e.description,
    ...(e.location ? { location: e.location } : {}),
    ...(e.url ? { url: e.url } : {}),
    sequence: e.sequence ?? 0,
    status: e.cancelled ? 'CANCELLED' : 'CONFIRMED',
    alarms: [
      {
        action: 'display',
        description: e.title,
        trigger: { minutes: e.alarmMinutesBefore ?? DEFAULT_ALARM_MINUTES, before: true },
      },
    ],
  };
  const { error, value } = createEvent(attributes);
  if (error || !value) throw error ?? new Error('calendar file could not be written');
  return value;
}

/** The calendar file as an email attachment (base64, as the outbox stores attachments). */
export function calendarAttachment(e: CalendarEvent, now: Date): Attachment {
  return {
    filename: 'focus-group.ics',
    contentType: 'text/calendar; charset=utf-8; method=PUBLISH',
    content: Buffer.from(calendarFile(e, now), 'utf8').toString('base64'),
  };
}
