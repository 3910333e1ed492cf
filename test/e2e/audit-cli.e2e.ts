import type { DeviceAuthorizationResponse, HouseholdMember } from '@madoguchi/shared';
import BetterSqlite3 from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { request } from '../integration/support/clients.js';
import { registeredTv } from '../integration/support/counter.js';
import { PhoneBrowser } from '../integration/support/phone.js';
import { REPO_ROOT } from './support/paths.js';
import { startServer } from './support/server.js';

function verify(dataDir: string): { status: number | null; output: string } {
  const result = spawnSync(process.execPath, [join(REPO_ROOT, 'window-server', 'dist', 'auditVerify.js')], {
    env: { ...process.env, MADOGUCHI_DATA_DIR: dataDir },
    encoding: 'utf8',
  });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

describe('npm run audit:verify', () => {
  it('passes the trail the server wrote, and names the first row someone altered by hand', async () => {
    const server = await startServer({ name: 'audit-cli' });
    const tv = await registeredTv(server.url);
    try {
      const authorized = await fetch(`${server.url}/api/v1/device/authorize`, {
        method: 'POST',
        headers: { authorization: `Bearer ${tv.token}`, origin: server.url },
      });
      const codes = (await authorized.json()) as DeviceAuthorizationResponse;
      const phone = new PhoneBrowser(server.url);
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
    } finally {
      tv.socket.disconnect();
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
