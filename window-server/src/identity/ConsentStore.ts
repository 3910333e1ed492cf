import { CONSENT_PURPOSES, type ConsentPurpose, type ConsentState } from '@madoguchi/shared';
import { flag, type TenantExecutor, type TenantTx } from '../db/index.js';

/** The consents table, of one tenant. Changes are written in the caller's durable transaction, with their audit row. */
export class ConsentStore {
  constructor(private readonly db: TenantExecutor) {}

  /** The same table, inside a transaction. */
  with(tx: TenantTx): ConsentStore {
    return new ConsentStore(tx);
  }

  /** Every purpose, granted or not (never decided counts as not granted). */
  async consentsOf(citizenId: string): Promise<ConsentState[]> {
    const rows = await this.db
      .selectFrom('consents')
      .select(['purpose', 'granted', 'updated_at'])
      .where('citizen_id', '=', citizenId)
      .execute();
    return CONSENT_PURPOSES.map((purpose) => {
      const row = rows.find((r) => r.purpose === purpose);
      return { purpose, granted: flag(row?.granted), updatedAt: row?.updated_at ?? null };
    });
  }

  async isGranted(citizenId: string, purpose: ConsentPurpose): Promise<boolean> {
    const row = await this.db
      .selectFrom('consents')
      .select('granted')
      .where('citizen_id', '=', citizenId)
      .where('purpose', '=', purpose)
      .executeTakeFirst();
    return flag(row?.granted);
  }

  /** Returns whether anything changed. */
  async set(citizenId: string, purpose: ConsentPurpose, granted: boolean, at: string): Promise<boolean> {
    const current = await this.db
      .selectFrom('consents')
      .select('granted')
      .where('citizen_id', '=', citizenId)
      .where('purpose', '=', purpose)
      .executeTakeFirst();
    if (current && flag(current.granted) === granted) return false;
    await this.db
      .insert('consents', { citizen_id: citizenId, purpose, granted: granted ? 1 : 0, updated_at: at })
      .onConflict((conflict) =>
        conflict
          .columns(['citizen_id', 'purpose'])
          .doUpdateSet({ granted: granted ? 1 : 0, updated_at: at })
          .where('consents.tenant_id', '=', this.db.tenantId),
      )
      .execute();
    return true;
  }
}
