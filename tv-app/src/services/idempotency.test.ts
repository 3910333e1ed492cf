import { idempotencyKeySchema } from '@madoguchi/shared';
import { describe, expect, it } from 'vitest';
import { ConfirmedRequest, newIdempotencyKey } from './idempotency';

describe('idempotency keys', () => {
  it('are what the server accepts, with or without randomUUID', () => {
    expect(idempotencyKeySchema.safeParse(newIdempotencyKey()).success).toBe(true);
    const oldBrowser = { getRandomValues: <T extends Uint8Array>(array: T) => array.fill(200) };
    const key = newIdempotencyKey(oldBrowser);
    expect(key).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(idempotencyKeySchema.safeParse(key).success).toBe(true);
    expect(newIdempotencyKey({})).toMatch(/^[A-Za-z0-9_-]{22}$/);
  });

  it('differ between confirmation screens', () => {
    expect(new ConfirmedRequest().key).not.toBe(new ConfirmedRequest().key);
  });
});

describe('one confirmation screen', () => {
  it('sends once when OK is pressed twice', async () => {
    const request = new ConfirmedRequest();
    const keys: string[] = [];
    let finish: (value: string) => void = () => undefined;
    const send = (key: string) => {
      keys.push(key);
      return new Promise<string>((resolve) => (finish = resolve));
    };
    const first = request.run(send);
    const second = request.run(send);
    expect(request.busy).toBe(true);
    finish('booked');
    expect(await first).toBe('booked');
    expect(await second).toBeUndefined();
    expect(keys).toHaveLength(1);
    // Done: a third OK sends nothing either.
    expect(await request.run(send)).toBeUndefined();
    expect(request.succeeded).toBe(true);
  });

  it('tries again with the same key after a failure', async () => {
    const request = new ConfirmedRequest();
    const keys: string[] = [];
    await expect(
      request.run(async (key) => {
        keys.push(key);
        throw new Error('partner down');
      }),
    ).rejects.toThrow('partner down');
    expect(request.busy).toBe(false);
    await request.run(async (key) => {
      keys.push(key);
      return 'ok';
    });
    expect(keys).toEqual([request.key, request.key]);
  });
});
