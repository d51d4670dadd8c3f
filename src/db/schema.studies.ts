import type { Generated, Insertable, Selectable } from 'kysely';

// The studies feature's tables (src/studies), typed by hand from db/migrations; see schema.ts.

export type StudyStatus = 'draft' | 'recruiting' | 'running' | 'closed' | 'archived';
export type IncentiveKind = 'gift_card' | 'cash_card' | 'other';

export interface StudiesTable {
  id: Generated<number>;
  title: string;
  purpose: string;
  target_participants: number;
  incentive_cents: number;
  incentive_kind: IncentiveKind;
  /** JSON array of whole hours before the start ([48,2]). */
  reminder_offsets: string;
  status: Generated<StudyStatus>;
  created_by: number | null;
  created_at: string;
  updated_at: string;
}
export type StudyRow = Selectable<StudiesTable>;

export interface StudyChoicesTable {
  study_id: number;
  /** request_type | stage */
  field: string;
  value: string;
}

export interface StudyTeamTable {
  study_id: number;
  staff_user_id: number;
  role: 'organizer' | 'facilitator' | 'note_taker';
}

export interface StudySessionsTable {
  id: Generated<number>;
  study_id: number;
  /** UTC instant; typed and shown in the city's time zone. */
  starts_at: string;
  duration_minutes: number;
  mode: 'in_person' | 'online' | 'hybrid';
  place_name: string | null;
  address: string | null;
  /** 1 step-free entrance, 0 not, null when there is no place (online). */
  step_free: number | null;
  parking: string | null;
  transit: string | null;
  video_url: string | null;
  language: string;
  capacity: number;
  extra_seats: number;
  /** Confirmed seats; registrations raise it with a conditional update (never past capacity + extra_seats). */
  seats_taken: Generated<number>;
  registration_deadline: string;
  facilitator_id: number | null;
  note_taker_id: number | null;
  incentive_cents: number;
  incentive_kind: IncentiveKind;
  status: Generated<'scheduled' | 'cancelled'>;
  created_at: string;
  updated_at: string;
}
export type StudySessionRow = Selectable<StudySessionsTable>;
export type NewStudySession = Insertable<StudySessionsTable>;

export interface SessionInterpretationTable {
  session_id: number;
  language: string;
}

export type RegistrationStatus = 'confirmed' | 'waitlisted' | 'cancelled' | 'attended' | 'no_show';
export type RegistrationChannel = 'web' | 'phone' | 'staff';

export interface RegistrationsTable {
  id: Generated<number>;
  session_id: number;
  participant_id: number;
  /** confirmed holds a seat (counted in seats_taken); waitlisted waits in created_at, id order. */
  status: RegistrationStatus;
  accommodations: string | null;
  channel: RegistrationChannel;
  /** 1 when cancelled within 24 hours of the start. */
  late_cancellation: Generated<number>;
  created_at: string;
  updated_at: string;
  cancelled_at: string | null;
  /** The status before an outcome was recorded at check-in (an undo returns there); null for a walk-in. */
  outcome_from: 'confirmed' | 'waitlisted' | null;
  /** 1 when they came without a registration (or after cancelling): attended without a seat. */
  walk_in: Generated<number>;
  /** When and by whom the outcome (attended, no-show, late cancellation at check-in) was recorded. */
  outcome_at: string | null;
  outcome_by: number | null;
}
export type RegistrationRow = Selectable<RegistrationsTable>;

export interface SampleDrawsTable {
  id: Generated<number>;
  study_id: number;
  seed: string;
  /** People the study needs in the room; invited_count adds the over-recruitment. */
  size: number;
  over_recruit_rate: number;
  cool_down_days: number;
  /** The sample builder's query string (pool filter and quotas) that drew it. */
  query: string;
  invited_count: number;
  created_by: number | null;
  created_at: string;
  /** A hash of the drawn ids in draw order (UNIQUE per study): the same draw is sent once. */
  fingerprint: string | null;
}

export type InvitationChannel = 'email' | 'phone';
export type InvitationResponse = 'registered' | 'declined';
export type CallOutcome = 'reached' | 'no_answer' | 'wrong_number' | 'declined';

export interface InvitationsTable {
  id: Generated<number>;
  study_id: number;
  participant_id: number;
  draw_id: number | null;
  /** email: a /r/ link was mailed; phone: the person is on the study's call list. */
  channel: InvitationChannel;
  invited_at: string;
  last_sent_at: string | null;
  times_sent: Generated<number>;
  /** null until the person registers or says no (on the /r/ page or on the phone). */
  response: InvitationResponse | null;
  responded_at: string | null;
  call_outcome: CallOutcome | null;
  called_at: string | null;
  called_by: number | null;
}
export type InvitationRow = Selectable<InvitationsTable>;
export type IncentiveMethod = 'gift_card' | 'cash_card' | 'other';

/** An incentive handed over to someone who attended: at most one per registration. */
export interface IncentivesTable {
  id: Generated<number>;
  registration_id: number;
  amount_cents: number;
  method: IncentiveMethod;
  /** City calendar day, YYYY-MM-DD. */
  issued_on: string;
  /** E.g. the card's last 4 digits; never a full card number. */
  reference_note: string | null;
  issued_by: number | null;
  created_at: string;
}
export type ReminderKind = 'reminder' | 'session_cancelled';
export type ReminderChannel = 'email' | 'call';
export type ReminderStatus = 'pending' | 'sent' | 'called' | 'unreached' | 'skipped';
export type ReminderSkipReason =
  'late' | 'registration' | 'session' | 'started' | 'person' | 'offset';

/** A reminder or cancellation notice, due at a time (src/studies/reminders). */
export interface SessionRemindersTable {
  id: Generated<number>;
  registration_id: number;
  kind: ReminderKind;
  /** Hours before the start (a reminder); 0 for a cancellation notice. */
  offset_hours: number;
  /** The registration's created_at when planned (a registration taken up again plans anew). */
  registered_at: string;
  /** UTC: the start minus offset_hours real hours. */
  due_at: string;
  /** The session's start due_at was worked out from. */
  session_starts_at: string;
  channel: ReminderChannel;
  status: Generated<ReminderStatus>;
  skip_reason: ReminderSkipReason | null;
  created_at: string;
  /** When it was sent, called, marked unreached or skipped. */
  done_at: string | null;
  /** The staff member who made the call. */
  done_by: number | null;
}
export type SessionReminderRow = Selectable<SessionRemindersTable>;
export type NewSessionReminder = Insertable<SessionRemindersTable>;
