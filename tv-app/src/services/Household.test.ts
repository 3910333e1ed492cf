import type { ConsentState, HouseholdMember } from '@madoguchi/shared';
import { describe, expect, it } from 'vitest';
import { Household, completeConsents, type HouseholdChange, type HouseholdChannel } from './Household';
import { FakeDeviceChannel } from './testDeviceChannel';

function member(citizenId: string, displayName: string): HouseholdMember {
  return { citizenId, displayName, linkedAt: '2025-06-01T00:00:00Z', linkedBy: 'self' };
}

const ichiro = member('c-ichiro', '田中 一郎');
const hanako = member('c-hanako', '田中 花子');

function setUp(members: HouseholdMember[]) {
  const channel = new FakeDeviceChannel();
  let current = members;
  channel.handlers['household:list'] = () => ({ members: current });
  channel.handlers['household:unlink'] = (payload) => {
    current = current.filter((m) => m.citizenId !== (payload as { citizenId: string }).citizenId);
    return { members: current };
  };
  const household = new Household(channel as unknown as HouseholdChannel);
  const changes: HouseholdChange[] = [];
  household.on('changed', (change) => changes.push(change));
  return {
    channel,
    household,
    changes,
    setServer: (next: HouseholdMember[]) => {
      current = next;
    },
  };
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('Household', () => {
  it('lists the people at start and after every reconnection, the first list marked', async () => {
    const { channel, household, changes, setServer } = setUp([ichiro, hanako]);
    household.start();
    await flush();
    expect(household.members).toEqual([ichiro, hanako]);
    expect(household.shouldAsk).toBe(true);
    expect(changes.find((change) => change.kind === 'members')).toMatchObject({
      first: true,
      source: 'list',
    });
    // The phone unlinked 花子 while the TV was offline: the next connection re-syncs.
    setServer([ichiro]);
    channel.setState('online');
    await flush();
    expect(household.members).toEqual([ichiro]);
    expect(household.activeCitizenId).toBe('c-ichiro');
    expect(changes.at(-1)).toMatchObject({ kind: 'members', removed: [hanako], first: false });
    expect(channel.events().filter((event) => event === 'household:list')).toHaveLength(2);
  });

  it('follows household:changed pushes (a phone linking or unlinking)', async () => {
    const { channel, household, changes } = setUp([ichiro]);
    household.start();
    await flush();
    channel.push('household:changed', { members: [ichiro, hanako] });
    expect(household.members).toEqual([ichiro, hanako]);
    expect(changes.at(-1)).toMatchObject({ kind: 'members', added: [hanako], source: 'push' });
  });

  it('remembers the choice for the run, and forgets a person who was unlinked', async () => {
    const { household } = setUp([ichiro, hanako]);
    household.start();
    await flush();
    household.choose({ kind: 'person', citizenId: 'c-hanako' });
    expect(household.activeCitizenId).toBe('c-hanako');
    expect(household.shouldAsk).toBe(false);
    await household.unlink('c-hanako');
    expect(household.members).toEqual([ichiro]);
    expect(household.activeCitizenId).toBe('c-ichiro');
  });

  it('keeps every purpose, in order, and takes consent:changed pushes', async () => {
    const { channel, household, changes } = setUp([ichiro]);
    const granted: ConsentState = { purpose: 'wallet', granted: true, updatedAt: '2025-06-01T00:00:00Z' };
    channel.handlers['consent:list'] = () => ({ consents: [granted] });
    channel.handlers['consent:set'] = (payload) => {
      const { purpose, granted: value } = payload as { purpose: ConsentState['purpose']; granted: boolean };
      return { consents: [granted, { purpose, granted: value, updatedAt: '2025-06-02T00:00:00Z' }] };
    };
    household.start();
    await flush();
    const consents = await household.loadConsents('c-ichiro');
    expect(consents.map((consent) => [consent.purpose, consent.granted])).toEqual([
      ['profile', false],
      ['wallet', true],
      ['childcare', false],
      ['servicesHousehold', false],
    ]);
    const after = await household.setConsent('c-ichiro', 'childcare', true);
    expect(after.find((consent) => consent.purpose === 'childcare')?.granted).toBe(true);
    expect(channel.sent.at(-1)).toEqual({
      event: 'consent:set',
      payload: { citizenId: 'c-ichiro', purpose: 'childcare', granted: true },
    });
    // The push that echoes this TV's own change is not news.
    channel.push('consent:changed', { citizenId: 'c-ichiro', consents: after });
    expect(changes.at(-1)).toEqual({ kind: 'consents', citizenId: 'c-ichiro', remote: false });
    channel.push('consent:changed', { citizenId: 'c-ichiro', consents: [] });
    expect(household.consentsOf('c-ichiro')?.every((consent) => !consent.granted)).toBe(true);
    expect(changes.at(-1)).toEqual({ kind: 'consents', citizenId: 'c-ichiro', remote: true });
  });

  it('says it failed when the list cannot be had, and forgets everyone when the TV is revoked', async () => {
    const { channel, household } = setUp([ichiro]);
    delete channel.handlers['household:list'];
    household.start();
    await flush();
    expect(household.loadState).toBe('failed');
    expect(household.loaded).toBe(false);
    channel.handlers['household:list'] = () => ({ members: [ichiro] });
    channel.setState('online');
    await flush();
    expect(household.loadState).toBe('loaded');
    channel.setState('revoked');
    expect(household.members).toEqual([]);
    expect(household.loaded).toBe(false);
  });

  it('fills in purposes the server did not mention as not granted', () => {
    expect(completeConsents([]).map((consent) => consent.purpose)).toEqual([
      'profile',
      'wallet',
      'childcare',
      'servicesHousehold',
    ]);
  });
});
