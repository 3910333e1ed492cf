import { describe, expect, it } from 'vitest';
import { demoCitizensOf, SandboxDirectory } from './demoCitizens.js';

const directoryOf = (tenantId: string): SandboxDirectory =>
  new SandboxDirectory('sandbox', demoCitizensOf(tenantId));

/** Everyone in a directory: every name contains the empty name. */
const everyone = (directory: SandboxDirectory) => directory.search('');

describe('demo residents, per city', () => {
  it('keeps 大村市’s residents as the demo script and the tests know them', () => {
    expect(demoCitizensOf('omura').map((c) => [c.subject, c.loginId, c.name, c.area])).toEqual([
      ['demo-0001', 'tanaka.ichiro', '田中 一郎', '大村市 西本町'],
      ['demo-0002', 'tanaka.hanako', '田中 花子', '大村市 西本町'],
      ['demo-0003', 'sato.misaki', '佐藤 美咲', '大村市 久原'],
      ['demo-0004', 'suzuki.ken', '鈴木 健', '大村市 竹松'],
      ['demo-0005', 'suzuki.ayumi', '鈴木 あゆみ', '大村市 竹松'],
    ]);
  });

  it('gives any city without residents of its own 大村市’s', () => {
    expect(demoCitizensOf('sakura')).toBe(demoCitizensOf('omura'));
    expect(demoCitizensOf('')).toBe(demoCitizensOf('omura'));
  });

  it('lists other people in the two cities’ directories, none of them living in the other city', () => {
    const omura = everyone(directoryOf('omura'));
    const minato = everyone(directoryOf('minato'));
    expect(omura).toHaveLength(5);
    expect(minato).toHaveLength(5);
    const names = new Set(omura.map((entry) => entry.name));
    expect(minato.filter((entry) => names.has(entry.name))).toEqual([]);
    expect(omura.every((entry) => entry.area.startsWith('大村市 '))).toBe(true);
    expect(minato.every((entry) => entry.area.startsWith('みなと市 '))).toBe(true);
    expect(JSON.stringify(minato)).not.toContain('大村');
    expect(JSON.stringify(demoCitizensOf('minato'))).not.toContain('大村');
    expect(directoryOf('minato').search('田中')).toEqual([]);
    expect(directoryOf('omura').search('山本')).toEqual([]);
  });

  it('gives みなと市 the households the demo script needs, with login ids of the same form', () => {
    const directory = directoryOf('minato');
    const citizens = demoCitizensOf('minato');
    expect(citizens.map((c) => c.subject)).toEqual([
      'demo-0001',
      'demo-0002',
      'demo-0003',
      'demo-0004',
      'demo-0005',
    ]);
    expect(citizens.every((c) => /^[a-z]+\.[a-z]+$/.test(c.loginId))).toBe(true);
    expect(new Set(citizens.map((c) => c.loginId)).size).toBe(5);
    // An elderly couple (the one who asks the neighbours for help, and his wife) …
    const elder = directory.bySubject('demo-0001');
    expect(elder).toMatchObject({ name: '山本 正雄', area: 'みなと市 港町', children: [] });
    expect(Number(elder?.birthDate.slice(0, 4))).toBeLessThan(1951);
    expect(elder?.household).toEqual([{ name: '山本 和子', relation: '妻', birthDate: '1950-10-19' }]);
    // … a parent alone with two small children …
    const parent = directory.bySubject('demo-0003');
    expect(parent).toMatchObject({ name: '中村 さくら', area: 'みなと市 汐見', household: [] });
    expect(parent?.children.map((child) => child.name)).toEqual(['中村 湊', '中村 ひなた']);
    // … and a young couple whose baby both parents see.
    expect(directory.bySubject('demo-0004')?.children).toEqual(directory.bySubject('demo-0005')?.children);
    expect(directory.search('小林').map((entry) => entry.area)).toEqual([
      'みなと市 浜風台',
      'みなと市 浜風台',
    ]);
  });

  it('finds a resident by name and birth date only in their own city', () => {
    expect(
      directoryOf('minato')
        .search('山本正雄', '1947-11-03')
        .map((entry) => entry.name),
    ).toEqual(['山本 正雄']);
    expect(directoryOf('omura').search('山本正雄', '1947-11-03')).toEqual([]);
    expect(
      directoryOf('omura')
        .search('田中', '1948-04-12')
        .map((entry) => entry.name),
    ).toEqual(['田中 一郎']);
  });
});
