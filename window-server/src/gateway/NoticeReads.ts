import type { Clock } from '../core/clock.js';
import type { TenantExecutor } from '../db/index.js';

/** Which notices a TV of the tenant opened (for the unread count on Home). */
export class NoticeReads {
  constructor(
    private readonly db: TenantExecutor,
    private readonly clock: Clock,
  ) {}

  async readBy(deviceId: string): Promise<Set<string>> {
    const rows = await this.db
      .selectFrom('notice_reads')
      .select('notice_id')
      .where('device_id', '=', deviceId)
      .execute();
    return new Set(rows.map((row) => row.notice_id));
  }

  async markRead(deviceId: string, noticeId: string): Promise<void> {
    await this.db
      .insert('notice_reads', {
        device_id: deviceId,
        notice_id: noticeId,
        read_at: this.clock.now().toISOString(),
      })
      .onConflict((conflict) => conflict.doNothing())
      .execute();
  }
}
