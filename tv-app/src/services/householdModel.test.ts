import type { HouseholdMember } from '@madoguchi/shared';
import { describe, expect, it } from 'vitest';
import {
  UNSET,
  activeCitizenId,
  choiceAfterChange,
  choiceOfRow,
  chooserRows,
  membersDiff,
  profileLine,
  shouldAskWho,
} from './householdModel';

function member(citizenId: string, displayName: string): HouseholdMember {
  return { citizenId, displayName, linkedAt: '2025-06-01T00:00:00Z', linkedBy: 'self' };
}

const ichiro = member('c-ichiro', '田中 一郎');
const hanako = member('c-hanako', '田中 花子');
const texts = {
  t: (key: string, params?: Record<string, string | number>) =>
    `${key}${params ? JSON.stringify(params) : ''}`,
};

describe('who is using the TV', () => {
  it('is the only person linked without asking, nobody when nobody is linked', () => {
    expect(activeCitizenId([ichiro], UNSET)).toBe('c-ichiro');
    expect(activeCitizenId([], UNSET)).toBeNull();
    expect(shouldAskWho([ichiro], UNSET, false)).toBe(false);
  });

  it('is asked once per run when two or more are linked', () => {
    expect(activeCitizenId([ichiro, hanako], UNSET)).toBeNull();
    expect(shouldAskWho([ichiro, hanako], UNSET, false)).toBe(true);
    expect(shouldAskWho([ichiro, hanako], UNSET, true)).toBe(false);
    expect(shouldAskWho([ichiro, hanako], { kind: 'person', citizenId: 'c-hanako' }, false)).toBe(false);
    expect(shouldAskWho([ichiro, hanako], { kind: 'guest' }, false)).toBe(false);
  });

  it('keeps the choice, including signed-out use, even with one person', () => {
    expect(activeCitizenId([ichiro, hanako], { kind: 'person', citizenId: 'c-hanako' })).toBe('c-hanako');
    expect(activeCitizenId([ichiro, hanako], { kind: 'guest' })).toBeNull();
    expect(activeCitizenId([ichiro], { kind: 'guest' })).toBeNull();
  });

  it('forgets a chosen person who was unlinked (on the phone, say)', () => {
    const chose = { kind: 'person', citizenId: 'c-hanako' } as const;
    expect(choiceAfterChange([ichiro], chose)).toEqual(UNSET);
    expect(activeCitizenId([ichiro], choiceAfterChange([ichiro], chose))).toBe('c-ichiro');
    expect(choiceAfterChange([ichiro, hanako], chose)).toBe(chose);
  });

  it('offers the people by number, then signed-out use, then the household screen', () => {
    const rows = chooserRows([ichiro, hanako]);
    expect(rows).toEqual(['person:c-ichiro', 'person:c-hanako', 'guest', 'manage']);
    expect(choiceOfRow(rows[1]!)).toEqual({ kind: 'person', citizenId: 'c-hanako' });
    expect(choiceOfRow('guest')).toEqual({ kind: 'guest' });
    expect(choiceOfRow('manage')).toBe('manage');
    expect(choiceOfRow('nonsense')).toBeUndefined();
  });

  it('tells who was added and who was removed', () => {
    expect(membersDiff([ichiro], [hanako])).toEqual({ added: [hanako], removed: [ichiro] });
    expect(membersDiff([ichiro, hanako], [hanako, ichiro])).toEqual({ added: [], removed: [] });
  });
});

describe("Home's line under the title", () => {
  it('offers sign-in when nobody is linked', () => {
    expect(profileLine(texts, [], null)).toMatchObject({ text: 'tvApp.profile.signIn', action: 'link' });
  });

  it('greets the person by name; one person opens the household screen, two the chooser', () => {
    expect(profileLine(texts, [ichiro], 'c-ichiro')).toEqual({
      text: 'tvApp.profile.greeting{"name":"田中 一郎"}',
      hint: 'tvApp.profile.manageHint',
      action: 'household',
      greeting: true,
    });
    expect(profileLine(texts, [ichiro, hanako], 'c-hanako')).toMatchObject({
      text: 'tvApp.profile.greeting{"name":"田中 花子"}',
      action: 'chooser',
    });
  });

  it('says when the TV is used signed out', () => {
    expect(profileLine(texts, [ichiro, hanako], null)).toMatchObject({
      text: 'tvApp.profile.guest',
      action: 'chooser',
      greeting: false,
    });
  });
});
