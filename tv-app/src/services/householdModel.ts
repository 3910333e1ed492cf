import type { HouseholdMember } from '@madoguchi/shared';
import type { Texts } from './hoursModel';

/**
 * Who uses the TV: the people linked to it (an elderly couple), which of them is using it now,
 * and when to ask. Pure rules; the Household service and the screens apply them.
 */

/** The viewer's answer to 「どなたが 使いますか？」 for this run of the app. */
export type ProfileChoice = { kind: 'unset' } | { kind: 'person'; citizenId: string } | { kind: 'guest' };

export const UNSET: ProfileChoice = { kind: 'unset' };

/** The person using the TV now: the one chosen, else the only one linked; null is signed-out use. */
export function activeCitizenId(members: readonly HouseholdMember[], choice: ProfileChoice): string | null {
  if (choice.kind === 'guest') return null;
  if (choice.kind === 'person' && members.some((member) => member.citizenId === choice.citizenId)) {
    return choice.citizenId;
  }
  return members.length === 1 ? (members[0]?.citizenId ?? null) : null;
}

/** A chosen person who is no longer linked (unlinked on the phone) is forgotten. */
export function choiceAfterChange(members: readonly HouseholdMember[], choice: ProfileChoice): ProfileChoice {
  if (choice.kind !== 'person') return choice;
  return members.some((member) => member.citizenId === choice.citizenId) ? choice : UNSET;
}

/** Ask who is watching once per run, when two or more people are linked and nobody was chosen. */
export function shouldAskWho(
  members: readonly HouseholdMember[],
  choice: ProfileChoice,
  asked: boolean,
): boolean {
  return !asked && members.length >= 2 && choiceAfterChange(members, choice).kind === 'unset';
}

/** The chooser's rows: the people (numbers 1…), signed-out use, and the household screen. */
export function chooserRows(members: readonly HouseholdMember[]): string[] {
  return [...members.map((member) => `person:${member.citizenId}`), 'guest', 'manage'];
}

export function choiceOfRow(row: string): ProfileChoice | 'manage' | undefined {
  if (row === 'guest') return { kind: 'guest' };
  if (row === 'manage') return 'manage';
  if (row.startsWith('person:')) return { kind: 'person', citizenId: row.slice('person:'.length) };
  return undefined;
}

/** Newly linked and no longer linked people between two lists. */
export function membersDiff(
  before: readonly HouseholdMember[],
  after: readonly HouseholdMember[],
): { added: HouseholdMember[]; removed: HouseholdMember[] } {
  const had = new Set(before.map((member) => member.citizenId));
  const has = new Set(after.map((member) => member.citizenId));
  return {
    added: after.filter((member) => !had.has(member.citizenId)),
    removed: before.filter((member) => !has.has(member.citizenId)),
  };
}

/** What the line above Home's tiles does when chosen. */
export type ProfileAction = 'chooser' | 'household' | 'link';

export interface ProfileLine {
  text: string;
  /** Said (and shown under the tiles) while the line is focused. */
  hint: string;
  action: ProfileAction;
  /** A person is greeted (bold); signed-out use is plain. */
  greeting: boolean;
}

/**
 * Home's line under the title: the person greeted by name, or signed-out use, or (nobody
 * linked yet) the way to sign in. With two or more people it opens the chooser.
 */
export function profileLine(
  texts: Pick<Texts, 't'>,
  members: readonly HouseholdMember[],
  activeId: string | null,
): ProfileLine {
  if (members.length === 0) {
    return {
      text: texts.t('tvApp.profile.signIn'),
      hint: texts.t('tvApp.profile.signInHint'),
      action: 'link',
      greeting: false,
    };
  }
  const action: ProfileAction = members.length >= 2 ? 'chooser' : 'household';
  const hint = texts.t(action === 'chooser' ? 'tvApp.profile.switchHint' : 'tvApp.profile.manageHint');
  const active = members.find((member) => member.citizenId === activeId);
  if (!active) return { text: texts.t('tvApp.profile.guest'), hint, action, greeting: false };
  return {
    text: texts.t('tvApp.profile.greeting', { name: active.displayName }),
    hint,
    action,
    greeting: true,
  };
}
