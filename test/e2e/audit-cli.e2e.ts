import type { DeviceAuthorizationResponse, HouseholdMember } from '@madoguchi/shared';
import BetterSqlite3 from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { connected, deviceSocket, request } from '../integration/support/clients.js';
import { registeredTv } from '../integration/support/counter.js';
import { PhoneBrowser } from '../integration/support/phone.js';
import { createDatabase } from '../support/postgres.js';
import { rawExec, rawQuery } from '../support/rawDatabase.js';
import { REPO_ROOT } from './support/paths.js';
import { startServer, type RunningServer } from './support/server.js';

interface Cli {
  status: number | null;
  output: string;
}

/** One of window-server's command-line tools, built, as `npm run …` runs it. */
function cli(script: string, args: string[], env: Record<string, string>): Cli {
  const result = spawnSync(process.execPath, [join(REPO_ROOT, 'window-server', 'dist', script), ...args], {
    env: { ...process.env, ...env },
    encoding: 'utf8',
  });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

/** `npm run audit:verify` on the data dir's SQLite file, or on PostgreSQL when a URL is given. */
function verify(dataDir: string, databaseUrl?: string): Cli {
  return cli('auditVerify.js', [], {
    MADOGUCHI_DATA_DIR: dataDir,
    ...(databaseUrl ? { MADOGUCHI_DATABASE_URL: databaseUrl } : {}),
  });
}

/**
 * A citizen links a TV from a phone and changes a consent twice: three rows of audit trail (the
 * link, the grant, the withdrawal). Returns the TV's token and the citizen's id.
 */
async function writeATrail(server: RunningServer): Promise<{ token: string; citizenId: string }> {
  const tv = await registeredTv(server.city);
  try {
    const authorized = await fetch(`${server.city}/api/v1/device/authorize`, {
      method: 'POST',
      headers: { authorization: `Bearer ${tv.token}`, origin: server.url },
    });
    const codes = (await authorized.json()) as DeviceAuthorizationResponse;
    const phone = new PhoneBrowser(server.city);
    const confirm = await phone.get(codes.verification_uri_complete);
    const login = await phone.post('/link/confirm', {
      csrf: PhoneBrowser.csrf(confirm.text),
      code: codes.user_code,
    });
    await phone.post(PhoneBrowser.formAction(login.text, '/login'), {
      login: 'suzuki.ayumi',
      password: 'omura-demo',
    });
    const household = await request<{ members: HouseholdMember[] }>(tv.socket, 'household:list', {});
    const citizenId = household.ok ? (household.data.members[0]?.citizenId as string) : '';
    for (const granted of [true, false]) {
      await request(tv.socket, 'consent:set', { citizenId, purpose: 'childcare', granted });
    }
    return { token: tv.token, citizenId };
  } finally {
    tv.socket.disconnect();
  }
}

describe('npm run audit:verify', () => {
  it('passes the trail the server wrote, and names the first row someone altered by hand', async () => {
    const server = await startServer({ name: 'audit-cli' });
    try {
      await writeATrail(server);
    } finally {
      await server.stop();
    }

    const intact = verify(server.dataDir);
    expect(intact.status).toBe(0);
    expect(intact.output).toContain('3 rows');

    const db = new BetterSqlite3(join(server.dataDir, 'madoguchi.db'));
    db.exec('DROP TRIGGER audit_log_no_update');
    db.prepare('UPDATE audit_log SET details = \'{"purpose":"wallet"}\' WHERE seq = 2').run();
    db.close();
    const broken = verify(server.dataDir);
    expect(broken.status).toBe(1);
    expect(broken.output).toContain('first broken row 2');
  });
});

describe('npm run db:copy: a city moves from SQLite to PostgreSQL', () => {
  it('copies every row, refuses to copy twice, and the server then serves the same city from PostgreSQL', async () => {
    const sqliteServer = await startServer({ name: 'db-copy-sqlite' });
    let trail: { token: string; citizenId: string };
    try {
      trail = await writeATrail(sqliteServer);
    } finally {
      await sqliteServer.stop();
    }
    const { dataDir } = sqliteServer;
    const sqliteAt = { dataDir, database: {} };
    const target = await createDatabase(inject('postgres').url);
    const copy = ['--from', `sqlite:${join(dataDir, 'madoguchi.db')}`, '--to', target];

    const copied = cli('dbCopy.js', copy, {});
    expect(copied.output).toContain('every count matches');
    expect(copied.status).toBe(0);
    // What PostgreSQL really holds, read over a connection of our own: the same rows.
    const pgAt = { dataDir, database: { url: target } };
    for (const table of [
      'devices',
      'citizens',
      'device_citizens',
      'consents',
      'audit_log',
      'staff_accounts',
    ]) {
      const [source] = await rawQuery(sqliteAt, `SELECT count(*) AS n FROM ${table}`);
      const [copiedRows] = await rawQuery(pgAt, `SELECT count(*) AS n FROM ${table}`);
      expect({ table, n: copiedRows?.n }).toEqual({ table, n: source?.n });
      expect(Number(source?.n)).toBeGreaterThan(0);
    }
    const hashes = 'SELECT seq, hash FROM audit_log ORDER BY seq';
    expect(await rawQuery(pgAt, hashes)).toEqual(await rawQuery(sqliteAt, hashes));

    // A second copy would mix two histories: refused, and nothing is written.
    const again = cli('dbCopy.js', copy, {});
    expect(again.status).toBe(2);
    expect(again.output).toContain('audit_log');
    expect((await rawQuery(pgAt, 'SELECT count(*) AS n FROM audit_log'))[0]?.n).toBe(3);

    expect(verify(dataDir, target)).toMatchObject({ status: 0, output: expect.stringContaining('3 rows') });

    // The server on PostgreSQL (the sandbox partners' files stay in the data dir): the TV's
    // token still opens its channel, and its household is the one linked on SQLite.
    const pgServer = await startServer({
      name: 'db-copy-postgres',
      dataDir,
      env: { MADOGUCHI_DATABASE_URL: target },
    });
    try {
      const ready = (await (await fetch(`${pgServer.url}/readyz`)).json()) as {
        checks: { database: { engine: string; answers: boolean } };
      };
      expect(ready.checks.database).toEqual({ engine: 'postgres', answers: true });
      const socket = deviceSocket(pgServer.city, trail.token);
      await connected(socket);
      try {
        const household = await request<{ members: HouseholdMember[] }>(socket, 'household:list', {});
        expect(household.ok && household.data.members.map((member) => member.citizenId)).toContain(
          trail.citizenId,
        );
        const granted = await request(socket, 'consent:set', {
          citizenId: trail.citizenId,
          purpose: 'childcare',
          granted: true,
        });
        expect(granted.ok).toBe(true);
      } finally {
        socket.disconnect();
      }
    } finally {
      await pgServer.stop();
    }
    // The chain the PostgreSQL server continued is intact; a row changed by hand is named.
    expect(verify(dataDir, target)).toMatchObject({ status: 0, output: expect.stringContaining('4 rows') });
    await rawExec(pgAt, {
      sqlite: '',
      postgres: `ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update;
        UPDATE audit_log SET details = '{"purpose":"wallet"}' WHERE seq = 2`,
    });
    expect(verify(dataDir, target)).toMatchObject({
      status: 1,
      output: expect.stringContaining('first broken row 2'),
    });
  });
});
