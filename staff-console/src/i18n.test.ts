import {
  CALLBACK_PERIODS,
  CONSENT_PURPOSES,
  en as commonEn,
  IDENTITY_CHECKS,
  ja as commonJa,
  OUTCOME_CODES,
  STAFF_TEXTS,
  SURVEY_QUESTIONS,
} from '@madoguchi/shared';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { actionLabelKey } from './audit';
import { LANGUAGE_STORAGE_KEY, readStoredLanguage, storeLanguage } from './i18n';

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) && !name.endsWith('.test.ts') ? [path] : [];
  });
}

// What the console loads: the shared texts and its own (createTranslators).
const ja = { ...commonJa, ...STAFF_TEXTS.ja };
const en = { ...commonEn, ...STAFF_TEXTS.en };

function lookup(resources: unknown, key: string): unknown {
  return key
    .split('.')
    .reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], resources);
}

describe('language choice', () => {
  it('defaults to Japanese and remembers English', () => {
    const store = new Map<string, string>();
    const storage = {
      getItem: (k: string) => store.get(k) ?? null,
      setItem: (k: string, v: string) => store.set(k, v),
    };
    expect(readStoredLanguage(storage)).toBe('ja');
    storeLanguage(storage, 'en');
    expect(store.get(LANGUAGE_STORAGE_KEY)).toBe('en');
    expect(readStoredLanguage(storage)).toBe('en');
  });

  it('ignores junk and storage that throws', () => {
    expect(readStoredLanguage({ getItem: () => 'ja-easy' })).toBe('ja');
    expect(
      readStoredLanguage({
        getItem: () => {
          throw new Error('SecurityError');
        },
      }),
    ).toBe('ja');
    expect(readStoredLanguage(undefined)).toBe('ja');
  });
});

describe('texts', () => {
  it('every literal key the console uses exists in Japanese and English', () => {
    const dir = fileURLToPath(new URL('.', import.meta.url));
    const keys = new Set<string>();
    for (const file of sourceFiles(dir)) {
      for (const match of readFileSync(file, 'utf8').matchAll(
        /['`]((?:staff|errors|settings)\.[\w.]+)['`]/g,
      )) {
        if (match[1]) keys.add(match[1]);
      }
    }
    expect(keys.size).toBeGreaterThan(30);
    const missing = [...keys].filter(
      (key) => typeof lookup(ja, key) !== 'string' || typeof lookup(en, key) !== 'string',
    );
    expect(missing).toEqual([]);
  });

  it('has the texts the console builds from data (states, statuses, outcomes)', () => {
    const keys = [
      ...['idle', 'connecting', 'connected', 'reconnecting', 'ringing', 'ended', 'onHold'].map(
        (state) => `staff.call.state.${state}`,
      ),
      ...['available', 'inCall', 'away', 'offline'].map((status) => `staff.officer.status.${status}`),
      ...['ringing', 'active', 'onHold', 'ended'].map((status) => `staff.open.status.${status}`),
      ...['fromInvalid', 'toInvalid', 'order'].map((problem) => `staff.kpi.problem.${problem}`),
      ...CALLBACK_PERIODS.map((period) => `staff.callbacks.period.${period}`),
      ...CONSENT_PURPOSES.map((purpose) => `consent.purpose.${purpose}`),
      ...['granted', 'refused', 'undecided'].map((state) => `staff.citizen.consent.${state}`),
      ...IDENTITY_CHECKS.flatMap((check) => [
        `staff.assist.check.${check}`,
        `staff.assist.checkHint.${check}`,
      ]),
      ...['hash', 'link', 'sequence'].map((reason) => `staff.audit.reason.${reason}`),
      ...['staff', 'device', 'citizen', 'system'].map((kind) => `staff.audit.actorKind.${kind}`),
      ...[
        'citizen.linked',
        'citizen.unlinked',
        'consent.granted',
        'consent.revoked',
        'directory.search',
        ...CONSENT_PURPOSES.flatMap((purpose) => [`citizen.${purpose}.read`, `citizen.${purpose}.refused`]),
      ].map(actionLabelKey),
      'staff.nav.audit',
      'staff.audit.title',
      ...OUTCOME_CODES.map((code) => `counter.outcome.${code}`),
      ...SURVEY_QUESTIONS.map((question) => `counter.survey.${question}`),
      ...[
        'completed',
        'citizenEnded',
        'transferred',
        'declined',
        'unanswered',
        'disconnected',
        'cancelled',
      ].map((reason) => `counter.endReason.${reason}`),
    ];
    const missing = keys.filter(
      (key) => typeof lookup(ja, key) !== 'string' || typeof lookup(en, key) !== 'string',
    );
    expect(missing).toEqual([]);
  });
});
