import ICAL from 'ical.js';
import { DateTime } from 'luxon';
import { calendarAttachment, calendarFile } from '../../src/studies/registration/calendar';

const LA = 'America/Los_Angeles';
const now = new Date('2027-03-01T17:00:00Z');

function eventOf(ics: string) {
  const calendar = new ICAL.Component(ICAL.parse(ics));
  const vevent = calendar.getFirstSubcomponent('vevent')!;
  return { calendar, vevent, event: new ICAL.Event(vevent) };
}

const base = {
  uid: 'registration-41@panel.example.gov',
  durationMinutes: 90,
  title: 'Grupo de enfoque: recogida de artículos voluminosos',
  description: 'Gracias por inscribirse. Llegue 10 minutos antes.',
  location: '200 N Spring St, Los Ángeles, CA 90012',
};

describe('the calendar file of a session', () => {
  test.each([
    ['a summer evening (PDT)', '2027-07-20T18:30'],
    ['a winter morning (PST)', '2027-01-12T10:00'],
    ['the day the clocks spring forward', '2027-03-14T10:00'],
    ['the day the clocks fall back', '2027-11-07T10:00'],
  ])('%s: the instant is right in Los Angeles', (_name, local) => {
    const start = DateTime.fromISO(local, { zone: LA }).toJSDate();
    const { event } = eventOf(calendarFile({ ...base, start }, now));
    expect(event.startDate.toJSDate().toISOString()).toBe(start.toISOString());
    expect(event.startDate.zone?.tzid).toBe('UTC');
    const shown = DateTime.fromJSDate(event.startDate.toJSDate()).setZone(LA);
    expect(shown.toFormat("yyyy-MM-dd'T'HH:mm")).toBe(local);
    expect(event.endDate.toJSDate().getTime() - start.getTime()).toBe(90 * 60_000);
  });

  test('UID, DTSTAMP from the clock, text in the person’s language, location and an alarm', () => {
    const start = DateTime.fromISO('2027-07-20T18:30', { zone: LA }).toJSDate();
    const ics = calendarFile({ ...base, start, alarmMinutesBefore: 120 }, now);
    const { calendar, vevent, event } = eventOf(ics);
    expect(calendar.getFirstPropertyValue('version')).toBe('2.0');
    expect(calendar.getFirstPropertyValue('prodid')).toBeTruthy();
    expect(event.uid).toBe(base.uid);
    const stamp = vevent.getFirstPropertyValue('dtstamp') as ICAL.Time;
    expect(stamp.toJSDate().toISOString()).toBe(now.toISOString());
    expect(event.summary).toBe(base.title);
    expect(event.description).toBe(base.description);
    expect(event.location).toBe(base.location);
    expect(vevent.getFirstPropertyValue('status')).toBe('CONFIRMED');
    const alarm = vevent.getFirstSubcomponent('valarm')!;
    expect(alarm.getFirstPropertyValue('action')).toBe('DISPLAY');
    expect((alarm.getFirstPropertyValue('trigger') as ICAL.Duration).toSeconds()).toBe(-7200);
    // RFC 5545: CRLF line ends, no line longer than 75 octets.
    expect(ics).toContain('\r\n');
    for (const line of ics.split('\r\n')) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
  });

  test('an online session carries its video link; a cancelled seat says so with a higher sequence', () => {
    const start = DateTime.fromISO('2027-01-12T10:00', { zone: LA }).toJSDate();
    const online = { ...base, start, location: null, url: 'https://meet.example.gov/abc-123' };
    expect(eventOf(calendarFile(online, now)).vevent.getFirstPropertyValue('url')).toBe(online.url);
    const cancelled = eventOf(calendarFile({ ...online, sequence: 1, cancelled: true }, now));
    expect(cancelled.vevent.getFirstPropertyValue('status')).toBe('CANCELLED');
    expect(cancelled.event.sequence).toBe(1);
  });

  test('Korean text survives the round trip, and the attachment is the same file in base64', () => {
    const start = DateTime.fromISO('2027-07-20T18:30', { zone: LA }).toJSDate();
    const korean = {
      ...base,
      start,
      title: '포커스 그룹: 대형 폐기물 수거',
      description: '감사합니다.',
    };
    expect(eventOf(calendarFile(korean, now)).event.summary).toBe(korean.title);
    const file = calendarAttachment(korean, now);
    expect(file.contentType).toMatch(/^text\/calendar/);
    expect(Buffer.from(file.content, 'base64').toString('utf8')).toBe(calendarFile(korean, now));
  });
});
