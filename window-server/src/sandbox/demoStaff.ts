import type { StaffRole } from '@madoguchi/shared';
import type { StaffAuth } from '../staff/index.js';

/** Demo officers for sandbox mode; printed at start-up so a newcomer can sign in. */
export const DEMO_PASSWORD = 'madoguchi-demo';

export const DEMO_STAFF: readonly { loginId: string; displayName: string; role: StaffRole }[] = [
  { loginId: 'admin', displayName: '管理 花子', role: 'admin' },
  { loginId: 'supervisor', displayName: '監督 一郎', role: 'supervisor' },
  { loginId: 'staff', displayName: '窓口 太郎', role: 'staff' },
  // The cable operator's engineer: the fleet of set-top boxes, nothing of the counter.
  { loginId: 'operator', displayName: '有線 健太', role: 'operator' },
];

export async function seedDemoStaff(staff: StaffAuth): Promise<void> {
  for (const account of DEMO_STAFF) {
    await staff.ensureAccount({ ...account, password: DEMO_PASSWORD, language: 'ja' });
  }
}
