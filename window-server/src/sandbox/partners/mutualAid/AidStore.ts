import type { Clock } from '../../../core/clock.js';
import { newId } from '../../../core/secrets.js';
import type { SqliteFile } from '../../../db/index.js';
import type { AidRequest } from '../../../partnerContracts/index.js';
import { notFound } from '../http.js';

export const AID_TABLES = `
  CREATE TABLE aid_requests (
    id TEXT PRIMARY KEY,
    requester TEXT NOT NULL,
    helper TEXT,
    template TEXT NOT NULL,
    town TEXT NOT NULL,
    date TEXT NOT NULL,
    period TEXT NOT NULL,
    status TEXT NOT NULL,
    points INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  ) STRICT;
  CREATE INDEX aid_requests_by_town ON aid_requests (town, status, date);
  CREATE INDEX aid_requests_by_requester ON aid_requests (requester);
  CREATE INDEX aid_requests_by_helper ON aid_requests (helper);`;

export type AidStatus = AidRequest['status'];
export type AidTemplate = AidRequest['template'];

/** Points the helper receives, per template: longer or harder help earns more. */
export const POINTS: Record<AidTemplate, number> = { shopping: 300, garden: 500, ride: 400, smartphone: 300 };

/** Written in the grant's description, so the helper's wallet says what the points were for. */
export const TEMPLATE_LABELS: Record<AidTemplate, string> = {
  shopping: '買い物の手伝い',
  garden: '庭の手入れ',
  ride: '送り迎え',
  smartphone: 'スマホの使い方',
};

export interface AidRow {
  id: string;
  requester: string;
  helper: string | null;
  template: AidTemplate;
  town: string;
  date: string;
  period: AidRequest['period'];
  status: AidStatus;
  points: number;
}

const COLUMNS = 'id, requester, helper, template, town, date, period, status, points';
const ORDER = `ORDER BY date, period = 'afternoon', created_at, id`;

/**
 * The contract speaks of towns (町); citizens' areas often carry the city's name in front
 * (`大村市 西本町`): the name of the city the store serves is taken off, nothing else.
 */
export function townOf(area: string, city: string): string {
  const trimmed = area.trim();
  return (city && trimmed.startsWith(city) ? trimmed.slice(city.length) : trimmed).trim();
}

/** The request as the given citizen sees it: `mine` and `offeredByMe` are relative to them. */
export function viewFor(row: AidRow, subject: string): AidRequest {
  return {
    id: row.id,
    template: row.template,
    area: row.town,
    date: row.date,
    period: row.period,
    status: row.status,
    mine: row.requester === subject,
    offeredByMe: row.helper === subject,
    points: row.points,
  };
}

export class AidStore {
  /** `city`: the Japanese name of the city whose neighbours ask and help here. */
  constructor(
    private readonly db: SqliteFile,
    private readonly clock: Clock,
    private readonly city: string,
  ) {}

  /** Requests still looking for or waiting on help in the town: others' and the citizen's own. */
  nearby(town: string): AidRow[] {
    return this.db
      .prepare<[string], AidRow>(
        `SELECT ${COLUMNS} FROM aid_requests WHERE town = ? AND status IN ('open', 'offered') ${ORDER}`,
      )
      .all(townOf(town, this.city));
  }

  /** Everything the citizen asked for or offered to help with, whatever its status. */
  involving(subject: string): AidRow[] {
    return this.db
      .prepare<[string, string], AidRow>(
        `SELECT ${COLUMNS} FROM aid_requests WHERE requester = ? OR helper = ? ${ORDER}`,
      )
      .all(subject, subject);
  }

  get(id: string): AidRow {
    const row = this.db.prepare<[string], AidRow>(`SELECT ${COLUMNS} FROM aid_requests WHERE id = ?`).get(id);
    if (!row) throw notFound('request');
    return row;
  }

  create(
    request: Pick<AidRow, 'requester' | 'template' | 'town' | 'date' | 'period'> & {
      helper?: string;
      status?: AidStatus;
      at?: Date;
    },
  ): AidRow {
    const at = (request.at ?? this.clock.now()).toISOString();
    const row: AidRow = {
      id: newId('aid'),
      requester: request.requester,
      helper: request.helper ?? null,
      template: request.template,
      town: townOf(request.town, this.city),
      date: request.date,
      period: request.period,
      status: request.status ?? 'open',
      points: POINTS[request.template],
    };
    this.db
      .prepare(
        `INSERT INTO aid_requests (${COLUMNS}, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        row.id,
        row.requester,
        row.helper,
        row.template,
        row.town,
        row.date,
        row.period,
        row.status,
        row.points,
        at,
        at,
      );
    return row;
  }

  /** Moves the request on; the caller has checked the state inside the same transaction. */
  update(id: string, status: AidStatus, helper: string | null): AidRow {
    this.db
      .prepare('UPDATE aid_requests SET status = ?, helper = ?, updated_at = ? WHERE id = ?')
      .run(status, helper, this.clock.now().toISOString(), id);
    return this.get(id);
  }
}
