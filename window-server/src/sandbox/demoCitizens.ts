import type { CitizenDirectory, DirectoryEntry } from '../identity/index.js';
import { demoSetOf, type DemoSet } from './demoCity.js';

/** Demo citizens of the sandbox identity provider; in every city they sign in with this password. */
export const DEMO_CITIZEN_PASSWORD = 'omura-demo';

/**
 * A demo resident. The subject is the part they play in the demo script, the same in every city
 * (demo-0001 is the elderly man who asks for help, demo-0003 the parent of two small children…),
 * so each partner's demo data fits whichever city's residents sign in; each city has its own
 * sandbox provider (its own issuer), so two cities' demo-0001 are two different people.
 */
export interface DemoCitizen {
  subject: string;
  loginId: string;
  name: string;
  birthDate: string;
  area: string;
  household: string;
  relation: string;
  children: { name: string; birthDate: string }[];
}

/** 大村市's residents: an elderly couple, a mother of two small children, a young family. */
const OMURA_CITIZENS: readonly DemoCitizen[] = [
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

/** みなと市's residents, in the same households as 大村市's: other people, other streets. */
const MINATO_CITIZENS: readonly DemoCitizen[] = [
  {
    subject: 'demo-0001',
    loginId: 'yamamoto.masao',
    name: '山本 正雄',
    birthDate: '1947-11-03',
    area: 'みなと市 港町',
    household: 'H1',
    relation: '世帯主',
    children: [],
  },
  {
    subject: 'demo-0002',
    loginId: 'yamamoto.kazuko',
    name: '山本 和子',
    birthDate: '1950-10-19',
    area: 'みなと市 港町',
    household: 'H1',
    relation: '妻',
    children: [],
  },
  {
    subject: 'demo-0003',
    loginId: 'nakamura.sakura',
    name: '中村 さくら',
    birthDate: '1991-03-09',
    area: 'みなと市 汐見',
    household: 'H2',
    relation: '世帯主',
    children: [
      { name: '中村 湊', birthDate: '2021-01-22' },
      { name: '中村 ひなた', birthDate: '2023-10-05' },
    ],
  },
  {
    subject: 'demo-0004',
    loginId: 'kobayashi.daisuke',
    name: '小林 大輔',
    birthDate: '1986-08-14',
    area: 'みなと市 浜風台',
    household: 'H3',
    relation: '世帯主',
    children: [{ name: '小林 凪', birthDate: '2025-03-27' }],
  },
  {
    subject: 'demo-0005',
    loginId: 'kobayashi.mayu',
    name: '小林 真由',
    birthDate: '1988-12-02',
    area: 'みなと市 浜風台',
    household: 'H3',
    relation: '妻',
    children: [{ name: '小林 凪', birthDate: '2025-03-27' }],
  },
];

const CITIZENS: Record<DemoSet, readonly DemoCitizen[]> = { omura: OMURA_CITIZENS, minato: MINATO_CITIZENS };

/** The demo residents of a city's sandbox: みなと市's own, 大村市's for 大村市 and any other city. */
export function demoCitizensOf(tenantId: string): readonly DemoCitizen[] {
  return demoCitizensIn(demoSetOf(tenantId));
}

export function demoCitizensIn(set: DemoSet): readonly DemoCitizen[] {
  return CITIZENS[set];
}

const normalise = (text: string): string => text.replace(/[\s\u3000]/g, '');

function entryOf(citizen: DemoCitizen, citizens: readonly DemoCitizen[]): DirectoryEntry {
  return {
    subject: citizen.subject,
    name: citizen.name,
    birthDate: citizen.birthDate,
    area: citizen.area,
    household: citizens
      .filter((other) => other.household === citizen.household && other !== citizen)
      .map((other) => ({ name: other.name, relation: other.relation, birthDate: other.birthDate })),
    children: citizen.children,
  };
}

/** The sandbox provider's directory: one city's demo citizens (demoCitizensOf). */
export class SandboxDirectory implements CitizenDirectory {
  constructor(
    readonly issuer: string,
    private readonly citizens: readonly DemoCitizen[],
  ) {}

  search(name: string, birthDate?: string): DirectoryEntry[] {
    const wanted = normalise(name);
    return this.citizens
      .filter(
        (citizen) =>
          normalise(citizen.name).includes(wanted) && (!birthDate || citizen.birthDate === birthDate),
      )
      .map((citizen) => entryOf(citizen, this.citizens));
  }

  bySubject(subject: string): DirectoryEntry | undefined {
    const citizen = this.citizens.find((c) => c.subject === subject);
    return citizen ? entryOf(citizen, this.citizens) : undefined;
  }
}
