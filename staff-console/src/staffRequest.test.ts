import type { CallJoinInfo, CounterSnapshot } from '@madoguchi/shared';
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { StaffSocket } from './socket';
import { RequestError, listen, readAck, request, toAckError } from './staffRequest';

function fakeSocket(answer: () => Promise<unknown>): { socket: StaffSocket; sent: unknown[][] } {
  const sent: unknown[][] = [];
  const socket = {
    timeout: (ms: number) => ({
      emitWithAck: (event: string, payload: unknown) => {
        sent.push([ms, event, payload]);
        return answer();
      },
    }),
  } as unknown as StaffSocket;
  return { socket, sent };
}

describe('socket requests', () => {
  it('resolves with the ack’s data', async () => {
    const { socket, sent } = fakeSocket(async () => ({ ok: true, data: { consultation: 'c1' } }));
    await expect(request(socket, 'queue:accept', { topic: 'childcare' }, 500)).resolves.toEqual({
      consultation: 'c1',
    });
    expect(sent).toEqual([[500, 'queue:accept', { topic: 'childcare' }]]);
  });

  it('rejects with the server’s error, e.g. when another officer took the entry', async () => {
    const { socket } = fakeSocket(async () => ({
      ok: false,
      error: { code: 'ENTRY_TAKEN', message: 'errors.ENTRY_TAKEN' },
    }));
    const error = await request(socket, 'queue:accept', { entryId: 'e1' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RequestError);
    expect((error as RequestError).code).toBe('ENTRY_TAKEN');
    expect((error as RequestError).message).toBe('errors.ENTRY_TAKEN');
  });

  it('turns a timeout into SERVER_UNREACHABLE', async () => {
    const { socket } = fakeSocket(() => Promise.reject(new Error('operation has timed out')));
    const error = await request(socket, 'counter:snapshot', {}).catch((e: unknown) => e);
    expect(toAckError(error).code).toBe('SERVER_UNREACHABLE');
  });

  it('does not trust a malformed answer', () => {
    expect(() => readAck('nonsense')).toThrow(RequestError);
    expect(toAckError(new RequestError({ code: 'CALL_STATE', message: 'errors.CALL_STATE' })).code).toBe(
      'CALL_STATE',
    );
    expect(toAckError({ code: 'NOT_A_CODE' })).toEqual({ code: 'INTERNAL', message: 'errors.INTERNAL' });
    expect(toAckError({ code: 'MEDIA_FAILED', message: 'boom' })).toEqual({
      code: 'MEDIA_FAILED',
      message: 'errors.MEDIA_FAILED',
    });
    expect(toAckError(new Error('x'), 'MEDIA_FAILED').code).toBe('MEDIA_FAILED');
  });

  it('types each request and push from the contract', () => {
    const { socket } = fakeSocket(async () => ({ ok: true, data: {} }));
    expectTypeOf(request(socket, 'counter:snapshot', {})).resolves.toEqualTypeOf<CounterSnapshot>();
    expectTypeOf(listen<'call:answered'>)
      .parameter(2)
      .toEqualTypeOf<(payload: CallJoinInfo) => void>();
    // @ts-expect-error: not an event of the /staff namespace
    void request(socket, 'queue:join', { topic: 'childcare' }).catch(() => undefined);
    // @ts-expect-error: call:hold needs `onHold`
    void request(socket, 'call:hold', { consultationId: 'c1' }).catch(() => undefined);
  });
});
