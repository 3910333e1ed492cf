import type { SqliteFile } from '../../../db/index.js';
import { demoCitizensIn } from '../../demoCitizens.js';
import type { DemoCity } from '../../demoCity.js';

/**
 * Families from the city's demo households: parents of one household share a family, so 鈴木 健
 * and 鈴木 あゆみ see the same child 蓮 and each other's bookings. No bookings are seeded.
 */
export function seedChildcare(db: SqliteFile, city: DemoCity): void {
  const member = db.prepare('INSERT INTO family_members (subject, family_id) VALUES (?, ?)');
  const child = db.prepare(
    'INSERT OR IGNORE INTO children (id, family_id, name, birth_date) VALUES (?, ?, ?, ?)',
  );
  for (const citizen of demoCitizensIn(city.set)) {
    const familyId = `fam-${citizen.household.toLowerCase()}`;
    member.run(citizen.subject, familyId);
    for (const { name, birthDate } of citizen.children) {
      child.run(
        `chd-${citizen.household.toLowerCase()}-${birthDate.replace(/-/g, '')}`,
        familyId,
        name,
        birthDate,
      );
    }
  }
}
