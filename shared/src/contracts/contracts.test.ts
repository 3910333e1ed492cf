import { describe, expect, expectTypeOf, it } from 'vitest';
import type { EmptyAck } from '../common.js';
import type { MyQueueEntry } from '../counter.js';
import type { CallJoinInfo, MediaJoinResult } from '../media.js';
import type { PayloadIn, ReplyOf, RequestTable } from './contract.js';
import { DEVICE_PUSHES, DEVICE_REQUESTS, type DeviceClientToServerEvents } from './device.js';
import { MEDIA_PUSHES, MEDIA_REQUESTS } from './media.js';
import { STAFF_PUSHES, STAFF_REQUESTS } from './staff.js';

const TABLES: Record<string, RequestTable> = { device: DEVICE_REQUESTS, staff: STAFF_REQUESTS };

describe('the socket contract tables', () => {
  it.each(Object.entries(TABLES))(
    '%s: every payload schema refuses a field it does not know',
    (_name, table) => {
      for (const [event, spec] of Object.entries(table)) {
        const result = spec.payload.safeParse({ notInTheContract: 1 });
        expect(result.success, event).toBe(false);
      }
    },
  );

  it('carries the media requests and pushes on both namespaces', () => {
    for (const event of Object.keys(MEDIA_REQUESTS)) {
      expect(DEVICE_REQUESTS).toHaveProperty([event], MEDIA_REQUESTS[event as keyof typeof MEDIA_REQUESTS]);
      expect(STAFF_REQUESTS).toHaveProperty([event], MEDIA_REQUESTS[event as keyof typeof MEDIA_REQUESTS]);
    }
    for (const event of Object.keys(MEDIA_PUSHES)) {
      expect(Object.keys(DEVICE_PUSHES)).toContain(event);
      expect(Object.keys(STAFF_PUSHES)).toContain(event);
    }
  });

  it('types each reply and payload from its entry', () => {
    expectTypeOf<ReplyOf<(typeof DEVICE_REQUESTS)['queue:join']>>().toEqualTypeOf<MyQueueEntry>();
    expectTypeOf<ReplyOf<(typeof DEVICE_REQUESTS)['call:answer']>>().toEqualTypeOf<CallJoinInfo>();
    expectTypeOf<ReplyOf<(typeof STAFF_REQUESTS)['media:join']>>().toEqualTypeOf<MediaJoinResult>();
    expectTypeOf<ReplyOf<(typeof STAFF_REQUESTS)['call:end']>>().toEqualTypeOf<EmptyAck>();
    expectTypeOf<PayloadIn<(typeof DEVICE_REQUESTS)['queue:join']>>().toEqualTypeOf<{ topic: string }>();
    expectTypeOf<Parameters<DeviceClientToServerEvents['queue:join']>[0]>().toEqualTypeOf<{
      topic: string;
    }>();
  });
});
