import type { CitizenPanel, ConsentState } from '@madoguchi/shared';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  NO_CHECKS,
  assistProblemText,
  ageOn,
  consentBadges,
  formatBirthDate,
  japaneseEraYear,
  linkChecks,
  missingChecks,
  parseBirthDate,
  searchPayload,
  visibleProfile,
} from './citizen';
import { createTranslators, type ConsoleLanguage, type Translator } from './i18n';

let translators: Record<ConsoleLanguage, Translator>;
beforeAll(async () => {
  translators = await createTranslators();
});

const profile = {
  name: '大村 花子',
  birthDate: '1985-04-01',
  household: [{ name: '大村 太郎', relation: '夫', birthDate: '1983-10-10' }],
  children: [{ name: '大村 陽菜', birthDate: '2020-06-15' }],
};

function consent(
  purpose: ConsentState['purpose'],
  granted: boolean,
  updatedAt: string | null = null,
): ConsentState {
  return { purpose, granted, updatedAt };
}

describe('consent badges', () => {
  it('lists every purpose in a fixed order; an unmentioned purpose is not granted', () => {
    const badges = consentBadges([
      consent('childcare', true, '2025-04-01T00:00:00Z'),
      consent('profile', false, '2025-04-02T00:00:00Z'),
    ]);
    expect(badges.map((b) => [b.purpose, b.granted, b.state])).toEqual([
      ['profile', false, 'refused'],
      ['wallet', false, 'undecided'],
      ['childcare', true, 'granted'],
      ['servicesHousehold', false, 'undecided'],
    ]);
  });
});

describe('visibleProfile', () => {
  const citizen = (p: CitizenPanel['profile'], consents: ConsentState[]): CitizenPanel => ({
    citizenId: 'cit_1',
    profile: p,
    consents,
  });

  it('shows the profile with the profile consent', () => {
    expect(visibleProfile(citizen(profile, [consent('profile', true, '2025-04-01T00:00:00Z')]))).toBe(
      profile,
    );
  });

  it('shows nothing without it, even when a profile was sent', () => {
    expect(visibleProfile(citizen(profile, [consent('profile', false, '2025-04-01T00:00:00Z')]))).toBeNull();
    expect(visibleProfile(citizen(profile, [consent('wallet', true)]))).toBeNull();
    expect(visibleProfile(citizen(null, [consent('profile', true)]))).toBeNull();
  });
});

describe('identity checks', () => {
  it('needs name, birth date and address; the photo ID is optional', () => {
    expect(linkChecks(NO_CHECKS)).toBeNull();
    expect(missingChecks(NO_CHECKS)).toEqual(['name', 'birthDate', 'address']);
    const withoutAddress = { ...NO_CHECKS, name: true, birthDate: true, photoId: true };
    expect(linkChecks(withoutAddress)).toBeNull();
    expect(missingChecks(withoutAddress)).toEqual(['address']);
    expect(linkChecks({ ...withoutAddress, address: true })).toEqual({
      name: true,
      birthDate: true,
      address: true,
      photoId: true,
    });
    expect(linkChecks({ name: true, birthDate: true, address: true, photoId: false })).toEqual({
      name: true,
      birthDate: true,
      address: true,
      photoId: false,
    });
  });
});

describe('birth dates as citizens say them', () => {
  const today = '2025-04-01';

  it('reads western dates in the usual ways', () => {
    for (const text of [
      '1985-04-01',
      '1985/4/1',
      '1985.04.01',
      '19850401',
      '1985年4月1日',
      '１９８５／４／１',
      ' 1985 - 04 - 01 ',
    ]) {
      expect(parseBirthDate(text, today), text).toBe('1985-04-01');
    }
  });

  it('reads Japanese era dates, 元年 and the one-letter forms', () => {
    expect(parseBirthDate('昭和60年4月1日', today)).toBe('1985-04-01');
    expect(parseBirthDate('S60.4.1', today)).toBe('1985-04-01');
    expect(parseBirthDate('s60/04/01', today)).toBe('1985-04-01');
    expect(parseBirthDate('平成元年1月8日', today)).toBe('1989-01-08');
    expect(parseBirthDate('H1.1.8', today)).toBe('1989-01-08');
    expect(parseBirthDate('令和2年6月15日', today)).toBe('2020-06-15');
    expect(parseBirthDate('大正15年12月24日', today)).toBe('1926-12-24');
    expect(parseBirthDate('昭和元年12月25日', today)).toBe('1926-12-25');
  });

  it('refuses days outside the era named, unreal days and the future', () => {
    expect(parseBirthDate('昭和64年1月8日', today)).toBeNull();
    expect(parseBirthDate('平成元年1月7日', today)).toBeNull();
    expect(parseBirthDate('令和元年4月30日', today)).toBeNull();
    expect(parseBirthDate('昭和0年1月1日', today)).toBeNull();
    expect(parseBirthDate('1985-02-30', today)).toBeNull();
    expect(parseBirthDate('2025-04-02', today)).toBeNull();
    expect(parseBirthDate('2025-04-01', today)).toBe('2025-04-01');
    expect(parseBirthDate('X60.4.1', today)).toBeNull();
    expect(parseBirthDate('4月1日', today)).toBeNull();
    expect(parseBirthDate('', today)).toBeNull();
  });

  it('writes the era year, the age and the day', () => {
    expect(japaneseEraYear('1985-04-01')).toBe('昭和60年');
    expect(japaneseEraYear('1989-01-07')).toBe('昭和64年');
    expect(japaneseEraYear('1989-01-08')).toBe('平成元年');
    expect(japaneseEraYear('2019-05-01')).toBe('令和元年');
    expect(japaneseEraYear('nope')).toBe('');
    expect(ageOn('1985-04-01', '2025-04-01')).toBe(40);
    expect(ageOn('1985-04-02', '2025-04-01')).toBe(39);
    expect(ageOn('2024-02-29', '2025-02-28')).toBe(0);
    expect(ageOn('2026-01-01', '2025-04-01')).toBeNull();
    expect(formatBirthDate('1985-04-01')).toBe('1985/04/01');
    expect(formatBirthDate('')).toBe('—');
  });
});

describe('the directory search form', () => {
  it('builds the payload with a trimmed name and a parsed birth date', () => {
    expect(searchPayload('c1', '  大村 花子 ', '', '2025-04-01')).toEqual({
      ok: true,
      payload: { consultationId: 'c1', name: '大村 花子' },
    });
    expect(searchPayload('c1', '大村', '昭和60年4月1日', '2025-04-01')).toEqual({
      ok: true,
      payload: { consultationId: 'c1', name: '大村', birthDate: '1985-04-01' },
    });
  });

  it('says what is missing or wrong', () => {
    expect(searchPayload('c1', ' ', 'S99.1.1', '2025-04-01')).toEqual({
      ok: false,
      problems: ['nameMissing', 'birthDateInvalid'],
    });
    expect(searchPayload('c1', 'あ'.repeat(101), '')).toEqual({ ok: false, problems: ['nameTooLong'] });
  });
});

describe('assisted-linking errors', () => {
  const error = (
    code: 'NOT_FOUND' | 'CONFLICT' | 'PAYLOAD_INVALID' | 'DIRECTORY_UNAVAILABLE',
    fields?: string[],
  ) => ({
    code,
    message: `errors.${code}`,
    ...(fields ? { fields } : {}),
  });

  it('says what happened to the link', () => {
    expect(assistProblemText(translators.ja, error('NOT_FOUND'), 'link')).toContain('見つかりませんでした');
    expect(assistProblemText(translators.en, error('CONFLICT'), 'link')).toBe(
      'This person is already registered on this TV.',
    );
    expect(assistProblemText(translators.en, error('PAYLOAD_INVALID', ['checks.address']), 'link')).toContain(
      'identity checks',
    );
  });

  it('puts the step before the error text', () => {
    expect(assistProblemText(translators.en, error('DIRECTORY_UNAVAILABLE'), 'search')).toBe(
      'The resident directory could not be searched. The resident search is not available.',
    );
    expect(assistProblemText(translators.ja, error('DIRECTORY_UNAVAILABLE'), 'link')).toBe(
      '登録できませんでした。 住民の 検索が 使えません。',
    );
  });
});
