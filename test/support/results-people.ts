import type { DB } from '../../src/db/database';
import type { RegistrationStatus } from '../../src/db/schema';

/*
 * Fixtures for the results tests, inserted directly (the studies feature's own tests cover how
 * they come about): a study, its sessions, registrations with an outcome, coded notes.
 */

const AT = '2026-01-01T00:00:00.000Z';

export async function insertStudy(db: DB, title = 'Bulky item pickup'): Promise<number> {
  const { id } = await db
    .insertInto('studies')
    .values({
      title,
      purpose: 'Test',
      target_participants: 8,
      incentive_cents: 0,
      incentive_kind: 'gift_card',
      reminder_offsets: '[48,2]',
      created_at: AT,
      updated_at: AT,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export async function insertSession(db: DB, studyId: number, startsAt: string): Promise<number> {
  const { id } = await db
    .insertInto('study_sessions')
    .values({
      study_id: studyId,
      starts_at: startsAt,
      duration_minutes: 90,
      mode: 'in_person',
      language: 'en',
      capacity: 20,
      extra_seats: 0,
      registration_deadline: startsAt,
      incentive_cents: 0,
      incentive_kind: 'gift_card',
      created_at: AT,
      updated_at: AT,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export async function register(
  db: DB,
  sessionId: number,
  participantId: number,
  status: RegistrationStatus = 'attended',
): Promise<void> {
  await db
    .insertInto('registrations')
    .values({
      session_id: sessionId,
      participant_id: participantId,
      status,
      accommodations: null,
      channel: 'staff',
      created_at: AT,
      updated_at: AT,
      cancelled_at: null,
      outcome_from: status === 'attended' ? 'confirmed' : null,
      outcome_at: null,
      outcome_by: null,
    })
    .execute();
}

export async function insertNote(
  db: DB,
  sessionId: number,
  n: {
    service: string;
    stage: 'intake' | 'fulfillment' | 'communication' | null;
    sentiment: 'praise' | 'pain_point' | 'suggestion' | null;
    body?: string;
    pseudonym?: string;
  },
): Promise<void> {
  await db
    .insertInto('session_notes')
    .values({
      session_id: sessionId,
      author_staff_id: null,
      body: n.body ?? 'A remark.',
      service: n.service,
      stage: n.stage,
      driver: null,
      sentiment: n.sentiment,
      is_quote: 0,
      pseudonym: n.pseudonym ?? null,
      created_at: AT,
      updated_at: AT,
    })
    .execute();
}

/** The rows of the table with this id as cell texts (tags stripped, spaces collapsed). */
export function tableRows(html: string, id: string): string[][] {
  const start = html.indexOf(`id="${id}"`);
  if (start < 0) throw new Error(`no table #${id}`);
  const table = html.slice(start, html.indexOf('</table>', start));
  const body = table.slice(table.indexOf('<tbody>'));
  return [...body.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)].map((m) =>
    [...m[1].matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((c) =>
      c[1]
        .replace(/<[^>]+>/g, ' ')
        .replace(/&#39;/g, "'")
        .replace(/&amp;/g, '&')
        .replace(/\s+/g, ' ')
        .trim(),
    ),
  );
}

/** People whose personal details no analyst may see anywhere (distinctive, so a leak is found). */
export const PEOPLE = [
  ['Zebulon', 'Quixmarsh', 'zebulon.quixmarsh@example.org', '(310) 555-0199', '90077'],
  ['Philippa', 'Ostrowind', 'philippa.ostrowind@example.org', '(213) 555-0142', '90041'],
  ['Anselm', 'Brightwater', 'anselm.brightwater@example.org', '(818) 555-0177', '91604'],
  ['Ottilie', 'Vanderkamp', 'ottilie.vanderkamp@example.org', '(323) 555-0168', '90026'],
  ['Cassius', 'Fairweather', 'cassius.fairweather@example.org', '(424) 555-0111', '90066'],
  ['Marisol', 'Quintanilla', 'marisol.quintanilla@example.org', '(562) 555-0123', '90731'],
] as const;

/** Every personal string of PEOPLE: names, emails, phones (as stored and as digits), ZIPs. */
export const PERSONAL_STRINGS: string[] = PEOPLE.flatMap(([first, last, email, phone, zip]) => [
  first,
  last,
  email,
  phone,
  phone.replace(/\D/g, ''),
  zip,
]);

/** Finds any personal string in a text (case-insensitive); [] when there is none. */
export const personalIn = (text: string): string[] =>
  PERSONAL_STRINGS.filter((s) => text.toLowerCase().includes(s.toLowerCase()));
