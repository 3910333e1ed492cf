import type { ColumnType, Generated } from 'kysely';

// The tables as Kysely sees them (migrations.ts makes them). Every store's queries are typed by
// this: a wrong column or a wrong value type fails to compile.

/** ISO 8601 text. SQLite stores it as such; PostgreSQL as timestamptz, read back as ISO text. */
export type Timestamp = string;
/** Yes/no: written 0/1 (both engines accept it); read as 0/1 (SQLite) or a boolean (PostgreSQL): use `flag()`. */
export type Flag = ColumnType<number | boolean, number, number>;

export interface DevicesTable {
  id: string;
  tenant_id: string;
  token_hash: string;
  profile: string;
  app_version: string;
  model: string;
  /** JSON */
  capabilities: string;
  screen_width: number;
  screen_height: number;
  /** JSON */
  settings: string;
  registered_at: Timestamp;
  last_seen_at: Timestamp;
  revoked_at: Timestamp | null;
}

export interface StaffAccountsTable {
  id: string;
  tenant_id: string;
  login_id: string;
  display_name: string;
  role: 'staff' | 'supervisor' | 'admin' | 'operator';
  password_hash: string;
  language: ColumnType<string, string | undefined, string>;
  disabled_at: Timestamp | null;
  failed_logins: ColumnType<number, number | undefined, number>;
  locked_until: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface StaffSessionsTable {
  id_hash: string;
  tenant_id: string;
  staff_id: string;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  expires_at: Timestamp;
}

export interface QueueEntriesTable {
  seq: Generated<number>;
  id: string;
  tenant_id: string;
  device_id: string;
  topic: string;
  kind: 'walkIn' | 'callback';
  status: 'waiting' | 'callbackRequested' | 'ringing' | 'serving' | 'served' | 'abandoned';
  joined_at: Timestamp;
  rank_at: Timestamp;
  camera: Flag;
  callback_date: string | null;
  callback_period: 'morning' | 'afternoon' | null;
  callback_attempts: ColumnType<number, number | undefined, number>;
  assigned_staff_id: string | null;
  transferred: ColumnType<number | boolean, number | undefined, number>;
  first_accepted_at: Timestamp | null;
  ended_at: Timestamp | null;
  abandon_reason: string | null;
}

export interface ConsultationsTable {
  id: string;
  tenant_id: string;
  entry_id: string;
  device_id: string;
  staff_id: string;
  topic: string;
  kind: 'walkIn' | 'callback';
  status: 'ringing' | 'active' | 'onHold' | 'ended';
  started_at: Timestamp;
  answered_at: Timestamp | null;
  ended_at: Timestamp | null;
  end_reason: string | null;
  outcome: string | null;
  notes: string | null;
  survey_status: 'pending' | 'answered' | 'skipped' | null;
}

export interface SurveyAnswersTable {
  consultation_id: string;
  tenant_id: string;
  easy_to_talk: number | null;
  resolved: number | null;
  use_again: number | null;
  answered_at: Timestamp;
}

export interface CitizensTable {
  id: string;
  tenant_id: string;
  issuer: string;
  subject: string;
  display_name: string;
  created_at: Timestamp;
}

export interface DeviceCitizensTable {
  device_id: string;
  citizen_id: string;
  tenant_id: string;
  linked_at: Timestamp;
  linked_by: 'self' | 'staff';
  staff_id: string | null;
  consultation_id: string | null;
  /** JSON */
  checks: string | null;
}

export interface DeviceAuthorizationsTable {
  id: string;
  tenant_id: string;
  device_id: string;
  device_code_hash: string;
  user_code_hash: string;
  status: 'pending' | 'approved' | 'denied' | 'consumed';
  created_at: Timestamp;
  expires_at: Timestamp;
  interval_seconds: number;
  last_poll_at: Timestamp | null;
  citizen_id: string | null;
}

export interface ConsentsTable {
  citizen_id: string;
  tenant_id: string;
  purpose: string;
  granted: Flag;
  updated_at: Timestamp;
}

export interface AuditLogTable {
  tenant_id: string;
  /** 1, 2, 3… within the tenant: each tenant's trail is a chain of its own. */
  seq: number;
  /** How `hash` was made: 1 before tenants (without `tenant_id`), 2 since (with it). */
  format: 1 | 2;
  /** ISO text on both engines: the row's hash covers these exact characters. */
  at: string;
  actor: string;
  action: string;
  subject: string | null;
  consultation_id: string | null;
  /** JSON, as hashed */
  details: string;
  prev_hash: string;
  hash: string;
}

export interface NoticeReadsTable {
  device_id: string;
  notice_id: string;
  tenant_id: string;
  read_at: Timestamp;
}

export interface DeviceHealthTable {
  device_id: string;
  tenant_id: string;
  /** JSON */
  memory: string | null;
  /** JSON */
  errors: string;
  reported_at: Timestamp;
}

export interface DeviceConfigsTable {
  device_id: string;
  tenant_id: string;
  version: number;
  server_url: string | null;
  /** JSON */
  key_map_override: string | null;
  pushed_at: Timestamp;
  pushed_by: string;
  delivered_version: number | null;
  delivered_at: Timestamp | null;
  applied_version: number | null;
  applied_at: Timestamp | null;
}

export interface Schema {
  devices: DevicesTable;
  staff_accounts: StaffAccountsTable;
  staff_sessions: StaffSessionsTable;
  queue_entries: QueueEntriesTable;
  consultations: ConsultationsTable;
  survey_answers: SurveyAnswersTable;
  citizens: CitizensTable;
  device_citizens: DeviceCitizensTable;
  device_authorizations: DeviceAuthorizationsTable;
  consents: ConsentsTable;
  audit_log: AuditLogTable;
  notice_reads: NoticeReadsTable;
  device_health: DeviceHealthTable;
  device_configs: DeviceConfigsTable;
}

/** Every table, in an order that respects the foreign keys (parents first): for copying a city. */
export const TABLES_IN_ORDER = [
  'devices',
  'staff_accounts',
  'staff_sessions',
  'queue_entries',
  'consultations',
  'survey_answers',
  'citizens',
  'device_citizens',
  'device_authorizations',
  'consents',
  'audit_log',
  'notice_reads',
  'device_health',
  'device_configs',
] as const satisfies readonly (keyof Schema)[];

/** A yes/no column as read from either engine. */
export function flag(value: number | boolean | null | undefined): boolean {
  return value === true || value === 1;
}
