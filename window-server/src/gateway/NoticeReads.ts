import type { Clock } from '../core/clock.js';
import type { Database } from '../db/index.js';

/** Which notices a TV opened (for the unread count on Home). */
export class NoticeReads {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
  ) {}

  readBy(deviceId: string): Set<string> {
    return new Set(
      this.db
        .prepare<[string], { notice_id: string }>('SELECT notice_id FROM notice_reads WHERE device_id = ?')
        .all(deviceId)
        .map((row) => row.notice_id),
    );
  }

  markRead(deviceId: string, noticeId: string): void {
    this.db
      .prepare(
        'INSERT INTO notice_reads (device_id, notice_id, read_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING',
      )
      .run(deviceId, noticeId, this.clock.now().toISOString());
  }
}
