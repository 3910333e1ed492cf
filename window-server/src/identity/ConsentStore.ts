import { CONSENT_PURPOSES, type ConsentPurpose, type ConsentState } from '@madoguchi/shared';
import type { Database } from '../db/index.js';

/** The consents table, on the synchronous=FULL connection the audit trail uses. */
export class ConsentStore {
  constructor(private readonly db: Database) {}

  /** Every purpose, granted or not (never decided counts as not granted). */
  consentsOf(citizenId: string): ConsentState[] {
    const rows = this.db
      .prepare<[string], { purpose: ConsentPurpose; granted: number; updated_at: string }>(
        'SELECT purpose, granted, updated_at FROM consents WHERE citizen_id = ?',
      )
      .all(citizenId);
    return CONSENT_PURPOSES.map((purpose) => {
      const row = rows.find((r) => r.purpose === purpose);
      return { purpose, granted: row?.granted === 1, updatedAt: row?.updated_at ?? null };
    });
  }

  isGranted(citizenId: string, purpose: ConsentPurpose): boolean {
    return (
      this.db
        .prepare<[string, string], { granted: number }>(
          'SELECT granted FROM consents WHERE citizen_id = ? AND purpose = ?',
        )
        .get(citizenId, purpose)?.granted === 1
    );
  }

  /** Returns whether anything changed. */
  set(citizenId: string, purpose: ConsentPurpose, granted: boolean, at: string): boolean {
    if (this.isGranted(citizenId, purpose) === granted && this.exists(citizenId, purpose)) return false;
    this.db
      .prepare(
        `INSERT INTO consents (citizen_id, purpose, granted, updated_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (citizen_id, purpose) DO UPDATE SET granted = excluded.granted, updated_at = excluded.updated_at`,
      )
      .run(citizenId, purpose, granted ? 1 : 0, at);
    return true;
  }

  private exists(citizenId: string, purpose: ConsentPurpose): boolean {
    return (
      this.db
        .prepare('SELECT 1 FROM consents WHERE citizen_id = ? AND purpose = ?')
        .get(citizenId, purpose) !== undefined
    );
  }
}
