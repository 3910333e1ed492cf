import { describe, expect, it } from 'vitest';
import { NOTES_MAX, isMyNumberRefusal, notesProblem } from './notes';

const clean = { refused: false, sent: null, invalidField: false };

describe('end-form notes', () => {
  it('refuses a My Number before it is sent, however it is written', () => {
    expect(notesProblem('番号は 1234 5678 9018 です', clean)).toBe('myNumber');
    expect(notesProblem('1234-5678-9018', clean)).toBe('myNumber');
    expect(notesProblem('123456789018', clean)).toBe('myNumber');
  });

  it('lets phone numbers, dates and a wrong check digit through', () => {
    expect(notesProblem('0957-53-4111 に 折り返し', clean)).toBeNull();
    expect(notesProblem('2026-11-27 10:00 来庁予定', clean)).toBeNull();
    expect(notesProblem('123456789010', clean)).toBeNull();
    expect(notesProblem('', clean)).toBeNull();
  });

  it('keeps the server refusal until the notes are changed', () => {
    const refused = { refused: true, sent: '同じ メモ', invalidField: false };
    expect(notesProblem('同じ メモ', refused)).toBe('myNumber');
    expect(notesProblem('直した メモ', refused)).toBeNull();
  });

  it('says when the notes are too long or a field the server refused', () => {
    expect(notesProblem('あ'.repeat(NOTES_MAX + 1), clean)).toBe('tooLong');
    expect(notesProblem('x', { refused: false, sent: 'x', invalidField: true })).toBe('invalid');
    expect(notesProblem('y', { refused: false, sent: 'x', invalidField: true })).toBeNull();
  });

  it('recognises the refusal by code or by message', () => {
    expect(isMyNumberRefusal({ code: 'MY_NUMBER_REFUSED', message: 'errors.MY_NUMBER_REFUSED' })).toBe(true);
    expect(
      isMyNumberRefusal({ code: 'PAYLOAD_INVALID', message: 'errors.MY_NUMBER_REFUSED', fields: ['notes'] }),
    ).toBe(true);
    expect(isMyNumberRefusal({ code: 'PAYLOAD_INVALID', message: 'errors.PAYLOAD_INVALID' })).toBe(false);
    expect(isMyNumberRefusal(null)).toBe(false);
  });
});
