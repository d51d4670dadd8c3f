import type { Generated, Insertable, Selectable, Updateable } from 'kysely';

/** The database, typed by hand from db/migrations. Timestamps are ISO-8601 UTC strings. */
export interface Database {
  app_settings: AppSettingsTable;
  staff_users: StaffUsersTable;
  sessions: SessionsTable;
  magic_links: MagicLinksTable;
  login_failures: LoginFailuresTable;
  outbox: OutboxTable;
  audit_log: AuditLogTable;
  council_districts: { district: number; name: string };
  neighborhood_councils: { id: Generated<number>; name: string; service_region: string };
  owner_agencies: { code: string; agency: string };
  request_types: { name: string; usual_owner: string; requests_2019_2020: number };
  request_sources: { name: string };
  request_statuses: { status: string; meaning: string };
  languages: {
    code: string;
    english_name: string;
    native_name: string;
    where_used: string;
    sort_order: number;
  };
  cx_questions: { driver: string; statement: string; scale: string };
}

export interface AppSettingsTable {
  key: string;
  value: string;
}

export type StaffRole = 'admin' | 'organizer' | 'facilitator' | 'analyst';
export type StaffStatus = 'invited' | 'active' | 'deactivated';

export interface StaffUsersTable {
  id: Generated<number>;
  email: string;
  name: string;
  role: StaffRole;
  status: StaffStatus;
  password_hash: string | null;
  created_at: string;
  updated_at: string;
  last_login_at: string | null;
}
export type StaffUserRow = Selectable<StaffUsersTable>;
export type NewStaffUser = Insertable<StaffUsersTable>;
export type StaffUserUpdate = Updateable<StaffUsersTable>;

export interface SessionsTable {
  sid: string;
  data: string;
  expires_at: string;
}

export interface MagicLinksTable {
  id: Generated<number>;
  token_hash: string;
  purpose: string;
  staff_user_id: number | null;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

export interface LoginFailuresTable {
  id: Generated<number>;
  account_key: string;
  ip: string;
  at: string;
}

export type OutboxStatus = 'queued' | 'sent' | 'failed' | 'kept' | 'cancelled';

export interface OutboxTable {
  id: Generated<number>;
  message_id: string;
  template: string;
  to_address: string;
  to_name: string | null;
  language: string;
  subject: string;
  text_body: string;
  html_body: string;
  /** JSON array of { filename, contentType, content (base64) }. */
  attachments: Generated<string>;
  status: OutboxStatus;
  attempts: Generated<number>;
  next_attempt_at: string;
  lease_owner: string | null;
  lease_until: string | null;
  last_error: string | null;
  staff_user_id: number | null;
  created_at: string;
  sent_at: string | null;
}
export type OutboxRow = Selectable<OutboxTable>;
export type NewOutboxRow = Insertable<OutboxTable>;

export interface AuditLogTable {
  id: Generated<number>;
  at: string;
  actor_staff_id: number | null;
  action: string;
  subject_type: string;
  subject_id: string | null;
  /** JSON object; never holds names, emails or phones. */
  details: Generated<string>;
}
