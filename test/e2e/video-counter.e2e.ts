import type { KpiFigures } from '@madoguchi/shared';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { closeBrowser, openBrowser, type Browser } from './support/browser.js';
import { mediaWorkerPids, staffCallStats, tvCallStats, videoFlows, videoFlowsAgain } from './support/call.js';
import { createDatabase } from '../support/postgres.js';
import { outputDir } from './support/paths.js';
import { startServer, type RunningServer } from './support/server.js';
import { byTestId, DEMO_PASSWORD, signIn, waitForSignedIn } from './support/staff.js';
import { detailsOn, press, pressKeyCode, startFresh, tvState, waitForTv } from './support/tv.js';

const ALWAYS_OPEN = fileURLToPath(new URL('../fixtures/tenant-always-open.json', import.meta.url));

/** The server the helpers below talk to: SQLite first, PostgreSQL in the last block. */
let server: RunningServer;
const servers: RunningServer[] = [];
let tv: Browser;
let officer: Browser;

beforeAll(async () => {
  server = await startServer({ name: 'video-counter', env: { MADOGUCHI_TENANT_FILE: ALWAYS_OPEN } });
  servers.push(server);
  [tv, officer] = [await openBrowser(), await openBrowser()];
  await signIn(officer, server.city, 'staff');
  await waitForSignedIn(officer);
});

afterAll(async () => {
  await closeBrowser(tv);
  await closeBrowser(officer);
  for (const running of servers) await running.stop();
});

/** Green, then the first topic (子育て): the TV waits in line. */
async function joinQueue(browser: Browser, remote = false): Promise<void> {
  // A PC keyboard's g, or a remote's VK_GREEN.
  if (remote) await pressKeyCode(browser, 404);
  else await press(browser, 'g');
  await waitForTv(browser, (s) => s.screen === 'videoCounter' && s.counter.topics.length > 0, 'the topics');
  await press(browser, 'Enter');
  await waitForTv(browser, (s) => s.counter.entry?.status === 'waiting', 'waiting in line');
}

async function officerAccepts(deviceId: string): Promise<string> {
  await officer
    .$(`[data-testid="queue-row"][data-device-id="${deviceId}"]`)
    .waitForExist({ timeout: 10_000 });
  await (await byTestId(officer, 'accept-next')).click();
  const panel = await officer.$('[data-testid="call-panel"][data-call-state="connected"]');
  await panel.waitForExist({ timeout: 20_000 });
  return (await panel.getAttribute('data-consultation-id')) as string;
}

async function officerEnds(): Promise<void> {
  await (await byTestId(officer, 'end-outcome')).selectByAttribute('value', 'resolved');
  await (await byTestId(officer, 'end-notes')).setValue('子育て支援センターを案内');
  await (await byTestId(officer, 'end-submit')).click();
  await officer.$('[data-testid="call-panel"]').waitForExist({ reverse: true, timeout: 10_000 });
}

async function kpiToday(): Promise<KpiFigures> {
  const login = await fetch(`${server.city}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: server.url },
    body: JSON.stringify({ loginId: 'supervisor', password: DEMO_PASSWORD }),
  });
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] as string;
  const today = new Date(Date.now() + 9 * 3600_000).toISOString().slice(0, 10);
  return (await (
    await fetch(`${server.city}/api/v1/kpi?from=${today}&to=${today}`, { headers: { cookie } })
  ).json()) as KpiFigures;
}

/**
 * The whole call on the current server: a fresh TV joins, the officer accepts, video flows both
 * ways, the officer ends, the TV answers the survey, and the day's figures count it. Returns the TV.
 */
async function theWholeCall(): Promise<string> {
  const deviceId = await startFresh(tv, server.city);
  await joinQueue(tv);
  expect((await tvState(tv)).counter.entry).toMatchObject({ position: 1, topic: 'childcare' });

  const consultationId = await officerAccepts(deviceId);
  const inCall = await waitForTv(
    tv,
    (s) => s.counter.call?.status === 'active' && s.counter.call.sessionState === 'connected',
    'in the call',
    20_000,
  );
  expect(inCall.counter.call).toMatchObject({ consultationId, sending: { audio: true, video: true } });
  expect(inCall.videoRects.remote).not.toBeNull();
  expect(inCall.legend.join(' ')).toContain('やめる');

  // Media flows both ways: framesDecoded grows on the TV and in the console.
  await videoFlows(() => tvCallStats(tv), 'TV receives the officer');
  await videoFlows(() => staffCallStats(officer), 'officer receives the TV');
  await tv.saveScreenshot(`${outputDir('screenshots')}/tv-call.png`);
  await officer.saveScreenshot(`${outputDir('screenshots')}/staff-call.png`);

  await officerEnds();
  await waitForTv(
    tv,
    (s) => s.counter.surveyFor === consultationId && detailsOn(s, 'videoCounter')?.view === 'survey',
    'the survey',
  );
  await press(tv, '5');
  await waitForTv(tv, (s) => detailsOn(s, 'videoCounter')?.surveyQuestion === 1, 'the second question');
  await press(tv, '4', '5');
  await waitForTv(tv, (s) => s.counter.surveyFor === null, 'the survey sent');

  const figures = await kpiToday();
  expect(figures).toMatchObject({ requests: 1, served: 1, abandoned: 0 });
  expect(figures.satisfaction).toMatchObject({ easyToTalk: 5, resolved: 4, useAgain: 5, responses: 1 });
  return deviceId;
}

describe('the video counter, end to end', () => {
  let deviceId: string;

  it('queue → accept → video both ways → the officer ends → survey on the TV → counted', async () => {
    deviceId = await theWholeCall();
  });

  it('brings video back on both sides within 10 s after the media worker is killed mid-call', async () => {
    await press(tv, 'd');
    await waitForTv(tv, (s) => s.screen === 'home', 'Home');
    await joinQueue(tv);
    await officerAccepts(deviceId);
    await waitForTv(tv, (s) => s.counter.call?.sessionState === 'connected', 'in the call', 20_000);
    const tvBefore = await videoFlows(() => tvCallStats(tv), 'TV before the kill');
    const officerBefore = await videoFlows(() => staffCallStats(officer), 'officer before the kill');

    const workers = mediaWorkerPids(server.process.pid as number);
    expect(workers).toHaveLength(1);
    const killedAt = Date.now();
    process.kill(workers[0] as number, 'SIGKILL');
    await Promise.all([
      videoFlowsAgain(() => tvCallStats(tv), tvBefore, 'TV after the kill', 10_000),
      videoFlowsAgain(() => staffCallStats(officer), officerBefore, 'officer after the kill', 10_000),
    ]);
    expect(Date.now() - killedAt).toBeLessThan(10_000);
    expect(mediaWorkerPids(server.process.pid as number)).not.toContain(workers[0]);
    await officerEnds();
    await waitForTv(tv, (s) => detailsOn(s, 'videoCounter')?.view === 'survey', 'the survey');
    await press(tv, 'r');
    await waitForTv(tv, (s) => s.counter.surveyFor === null, 'survey skipped');
  });
});

describe('a TV without a camera', () => {
  let audioTv: Browser | undefined;
  beforeAll(async () => {
    // Whatever happened above, this officer starts free.
    if (await officer.$('[data-testid="call-panel"]').isExisting()) await officerEnds();
  });
  afterEach(async () => {
    await closeBrowser(audioTv);
  });

  it('joins with sound only and still sees the officer; the officer is shown that it has no camera', async () => {
    audioTv = await openBrowser();
    const deviceId = await startFresh(audioTv, server.city, 'android-tv');
    await joinQueue(audioTv, true);
    await officer
      .$(`[data-testid="queue-row"][data-device-id="${deviceId}"][data-camera="false"]`)
      .waitForExist();
    await officerAccepts(deviceId);
    await officer.$('[data-testid="peer-no-camera"]').waitForExist({ timeout: 10_000 });
    const inCall = await waitForTv(
      audioTv,
      (s) => s.counter.call?.sessionState === 'connected',
      'in the call',
      20_000,
    );
    expect(inCall.counter.call?.sending).toEqual({ audio: true, video: false });
    expect(inCall.videoRects.self).toBeNull();
    await videoFlows(() => tvCallStats(audioTv as Browser), 'the TV sees the officer');
    await officerEnds();
  });
});

describe('the video counter on PostgreSQL', () => {
  beforeAll(async () => {
    // The same walk on the other engine: a server of its own on a fresh database of the run's cluster.
    const url = await createDatabase(inject('postgres').url);
    server = await startServer({
      name: 'video-counter-postgres',
      env: { MADOGUCHI_TENANT_FILE: ALWAYS_OPEN, MADOGUCHI_DATABASE_URL: url },
    });
    servers.push(server);
    const ready = (await (await fetch(`${server.url}/readyz`)).json()) as {
      checks: { database: { engine: string } };
    };
    expect(ready.checks.database.engine).toBe('postgres');
    await signIn(officer, server.city, 'staff');
    await waitForSignedIn(officer);
  });

  it('queue → accept → video both ways → the officer ends → survey on the TV → counted', async () => {
    await theWholeCall();
  });
});
