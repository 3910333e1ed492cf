import type { AuditEntry } from '@madoguchi/shared';
import { describe, expect, it } from 'vitest';
import {
  actionLabelKey,
  checkList,
  detailsText,
  parseActor,
  sortAssistedLinks,
  sortEntries,
  verificationSummary,
} from './audit';

describe('audit trail', () => {
  it('names the label of an action', () => {
    expect(actionLabelKey('citizen.profile.read')).toBe('staff.audit.actions.citizen_profile_read');
    expect(actionLabelKey('consent.granted')).toBe('staff.audit.actions.consent_granted');
  });

  it('reads the actor', () => {
    expect(parseActor('staff:stf_1')).toEqual({ kind: 'staff', id: 'stf_1' });
    expect(parseActor('device:dev_1')).toEqual({ kind: 'device', id: 'dev_1' });
    expect(parseActor('citizen:cit:odd')).toEqual({ kind: 'citizen', id: 'cit:odd' });
    expect(parseActor('system')).toEqual({ kind: 'system', id: '' });
    expect(parseActor('service:wallet')).toEqual({ kind: 'other', id: 'service:wallet' });
  });

  it('says ok, or where the chain broke and why', () => {
    expect(verificationSummary({ ok: true, rows: 12, firstBroken: null })).toEqual({ kind: 'ok', rows: 12 });
    expect(verificationSummary({ ok: false, rows: 12, firstBroken: { seq: 7, reason: 'link' } })).toEqual({
      kind: 'broken',
      rows: 12,
      seq: 7,
      reason: 'link',
    });
    // Not ok without a row is still not ok.
    expect(verificationSummary({ ok: false, rows: 3, firstBroken: null }).kind).toBe('broken');
  });

  it('sorts newest first and writes details on one line', () => {
    const entry = (seq: number): AuditEntry => ({
      seq,
      at: '2025-04-01T00:00:00Z',
      actor: 'system',
      action: 'x',
      subject: null,
      consultationId: null,
      details: {},
    });
    expect(sortEntries([entry(1), entry(3), entry(2)]).map((e) => e.seq)).toEqual([3, 2, 1]);
    expect(detailsText({ purpose: 'profile', granted: true, n: 2 })).toBe(
      'purpose=profile, granted=true, n=2',
    );
    expect(detailsText(null)).toBe('');
  });

  it('lists every identity check of an assisted link, newest link first', () => {
    expect(checkList({ name: true, birthDate: true, address: true, photoId: false })).toEqual([
      { check: 'name', done: true },
      { check: 'birthDate', done: true },
      { check: 'address', done: true },
      { check: 'photoId', done: false },
    ]);
    const link = (at: string) => ({
      at,
      staffId: 's',
      staffName: 'n',
      deviceId: 'd',
      citizenId: 'c',
      consultationId: 'k',
      checks: { name: true, birthDate: true, address: true, photoId: false },
    });
    expect(sortAssistedLinks([link('2025-04-01T00:00:00Z'), link('2025-04-02T00:00:00Z')])[0]?.at).toBe(
      '2025-04-02T00:00:00Z',
    );
  });
});
