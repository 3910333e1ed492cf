import { idempotencyKeySchema } from '@madoguchi/shared';
import { describe, expect, it } from 'vitest';
import { ConfirmationKey, isIdempotencyKey, newIdempotencyKey, outcomeUnknown } from './idempotency';

function counter() {
  let n = 0;
  return () => `key-${String((n += 1)).padStart(4, '0')}`;
}

describe('idempotency keys', () => {
  it('makes keys the server accepts, a new one each time', () => {
    const a = newIdempotencyKey();
    const b = newIdempotencyKey();
    expect(isIdempotencyKey(a)).toBe(true);
    expect(idempotencyKeySchema.safeParse(a).success).toBe(true);
    expect(a).not.toBe(b);
  });

  it('reuses the key while the same choice is confirmed again (a double click books once)', () => {
    const keys = new ConfirmationKey(counter());
    const first = keys.keyFor('slot_1|child_1');
    expect(keys.keyFor('slot_1|child_1')).toBe(first);
    expect(keys.pending()).toBe(first);
  });

  it('starts a new key when the choice changes', () => {
    const keys = new ConfirmationKey(counter());
    const first = keys.keyFor('slot_1|child_1');
    expect(keys.keyFor('slot_2|child_1')).not.toBe(first);
    expect(keys.keyFor('slot_1|child_1')).not.toBe(first);
  });

  it('keeps the key for a retry while the outcome is unknown', () => {
    const keys = new ConfirmationKey(counter());
    const first = keys.keyFor('a');
    keys.settle({ ok: false, code: 'SERVER_UNREACHABLE' });
    expect(keys.keyFor('a')).toBe(first);
    keys.settle({ ok: false, code: 'PARTNER_UNAVAILABLE' });
    expect(keys.keyFor('a')).toBe(first);
    keys.settle({ ok: false, code: 'PARTNER_ERROR' });
    expect(keys.keyFor('a')).toBe(first);
  });

  it('forgets the key after a success or a definite refusal', () => {
    const keys = new ConfirmationKey(counter());
    const first = keys.keyFor('a');
    keys.settle({ ok: true });
    expect(keys.pending()).toBeNull();
    const second = keys.keyFor('a');
    expect(second).not.toBe(first);
    keys.settle({ ok: false, code: 'SLOT_FULL' });
    expect(keys.keyFor('a')).not.toBe(second);
  });

  it('forgets the key when the officer starts over', () => {
    const keys = new ConfirmationKey(counter());
    const first = keys.keyFor('a');
    keys.reset();
    expect(keys.keyFor('a')).not.toBe(first);
  });

  it('tells unknown outcomes from refusals', () => {
    expect(outcomeUnknown('SERVER_UNREACHABLE')).toBe(true);
    expect(outcomeUnknown('INTERNAL')).toBe(true);
    expect(outcomeUnknown('PARTNER_ERROR')).toBe(true);
    expect(outcomeUnknown('ALREADY_BOOKED')).toBe(false);
    expect(outcomeUnknown('CONSENT_REQUIRED')).toBe(false);
    expect(outcomeUnknown('SLOT_FULL')).toBe(false);
  });
});
