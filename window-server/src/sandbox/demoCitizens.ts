import type { CitizenDirectory, DirectoryEntry } from '../identity/index.js';

/** Demo citizens of the sandbox identity provider; they sign in with DEMO_CITIZEN_PASSWORD. */
export const DEMO_CITIZEN_PASSWORD = 'omura-demo';

interface DemoCitizen {
  subject: string;
  loginId: string;
  name: string;
  birthDate: string;
  area: string;
  household: string;
  relation: string;
  children: { name: string; birthDate: string }[];
}

export const DEMO_CITIZENS: readonly DemoCitizen[] = [
  {
    subject: 'demo-0001',
    loginId: 'tanaka.ichiro',
    name: '田中 一郎',
    birthDate: '1948-04-12',
    area: '大村市 西本町',
    household: 'H1',
    relation: '世帯主',
    children: [],
  },
  {
    subject: 'demo-0002',
    loginId: 'tanaka.hanako',
    name: '田中 花子',
    birthDate: '1951-09-03',
    area: '大村市 西本町',
    household: 'H1',
    relation: '妻',
    children: [],
  },
  {
    subject: 'demo-0003',
    loginId: 'sato.misaki',
    name: '佐藤 美咲',
    birthDate: '1992-06-21',
    area: '大村市 久原',
    household: 'H2',
    relation: '世帯主',
    children: [
      { name: '佐藤 結衣', birthDate: '2020-09-30' },
      { name: '佐藤 陽太', birthDate: '2023-05-14' },
    ],
  },
  {
    subject: 'demo-0004',
    loginId: 'suzuki.ken',
    name: '鈴木 健',
    birthDate: '1985-01-08',
    area: '大村市 竹松',
    household: 'H3',
    relation: '世帯主',
    children: [{ name: '鈴木 蓮', birthDate: '2025-02-11' }],
  },
  {
    subject: 'demo-0005',
    loginId: 'suzuki.ayumi',
    name: '鈴木 あゆみ',
    birthDate: '1987-07-19',
    area: '大村市 竹松',
    household: 'H3',
    relation: '妻',
    children: [{ name: '鈴木 蓮', birthDate: '2025-02-11' }],
  },
];

const normalise = (text: string): string => text.replace(/[\s\u3000]/g, '');

function entryOf(citizen: DemoCitizen): DirectoryEntry {
  return {
    subject: citizen.subject,
    name: citizen.name,
    birthDate: citizen.birthDate,
    area: citizen.area,
    household: DEMO_CITIZENS.filter(
      (other) => other.household === citizen.household && other !== citizen,
    ).map((other) => ({ name: other.name, relation: other.relation, birthDate: other.birthDate })),
    children: citizen.children,
  };
}

/** The sandbox provider's directory: the demo citizens. */
export class SandboxDirectory implements CitizenDirectory {
  constructor(readonly issuer: string) {}

  search(name: string, birthDate?: string): DirectoryEntry[] {
    const wanted = normalise(name);
    return DEMO_CITIZENS.filter(
      (citizen) =>
        normalise(citizen.name).includes(wanted) && (!birthDate || citizen.birthDate === birthDate),
    ).map(entryOf);
  }

  bySubject(subject: string): DirectoryEntry | undefined {
    const citizen = DEMO_CITIZENS.find((c) => c.subject === subject);
    return citizen ? entryOf(citizen) : undefined;
  }
}
