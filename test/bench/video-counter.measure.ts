import { MEDIA_CODECS, type MediaWorker, type WindowServer } from '@madoguchi/window-server';
import type { types as ms } from 'mediasoup';
import { randomBytes } from 'node:crypto';
import { createSocket, type Socket as UdpSocket } from 'node:dgram';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, it } from 'vitest';
import { closeBrowser, openBrowser, type Browser } from '../e2e/support/browser.js';
import { byTestId, signIn, waitForSignedIn } from '../e2e/support/staff.js';
import { detailsOn, press, startFresh, waitForTv } from '../e2e/support/tv.js';
import { startServer } from '../integration/support/server.js';
import { startThrowawayPostgres, type ThrowawayPostgres } from '../support/postgres.js';
import './pageMarks.js';
import { machine, machineLine, summarise, writeDocSection, writeJson } from './report.js';

const ALWAYS_OPEN = fileURLToPath(new URL('../fixtures/tenant-always-open.json', import.meta.url));
const CALLS_FOR_LATENCY = 10;
const CONCURRENCY = [1, 5, 10, 20];
const CPU_WINDOW_MS = 10_000;
const CLOCK_TICKS = 100;

let server: WindowServer;
let tv: Browser;
let officer: Browser;
let deviceId: string;
let postgres: ThrowawayPostgres | undefined;

/** A server on the given database, a TV and an officer signed in: one counter to measure. */
async function openCounter(env: Record<string, string> = {}): Promise<void> {
  server = await startServer({
    env: {
      MADOGUCHI_TENANT_FILE: ALWAYS_OPEN,
      MADOGUCHI_MEDIA_WORKERS: '2',
      MADOGUCHI_HOST: '127.0.0.1',
      ...env,
    },
  });
  [tv, officer] = [await openBrowser(), await openBrowser()];
  deviceId = await startFresh(tv, server.cityUrl());
  await signIn(officer, server.cityUrl(), 'staff');
  await waitForSignedIn(officer);
}

async function closeCounter(): Promise<void> {
  await closeBrowser(tv);
  await closeBrowser(officer);
  await server?.close();
}

beforeAll(() => openCounter());

afterAll(async () => {
  await closeCounter();
  await postgres?.remove();
});

/** Accept → first frame, `CALLS_FOR_LATENCY` calls on the counter open now. */
async function latencies(): Promise<number[]> {
  const samples: number[] = [];
  for (let call = 0; call < CALLS_FOR_LATENCY; call += 1) {
    await joinQueue();
    samples.push(await acceptToFirstFrame());
    await endCall();
  }
  return samples;
}

async function joinQueue(): Promise<void> {
  await press(tv, 'g');
  await waitForTv(tv, (s) => s.screen === 'videoCounter' && s.counter.topics.length > 0, 'topics');
  await press(tv, 'Enter');
  await waitForTv(tv, (s) => s.counter.entry?.status === 'waiting', 'waiting');
  await officer
    .$(`[data-testid="queue-row"][data-device-id="${deviceId}"]`)
    .waitForExist({ timeout: 10_000 });
}

/** Officer clicks accept (time taken in the officer's page) → first officer frame shown on the TV. */
async function acceptToFirstFrame(): Promise<number> {
  await tv.execute(() => {
    window.__firstFrameAt = null;
    const watch = (): void => {
      const video = document.querySelector<HTMLVideoElement>('video.madoguchi-video-remote');
      if (!video) return void setTimeout(watch, 5);
      video.requestVideoFrameCallback(() => {
        window.__firstFrameAt = Date.now();
      });
    };
    watch();
  });
  await officer.execute(() => {
    window.__acceptAt = null;
    const button = document.querySelector('[data-testid="accept-next"]');
    button?.addEventListener('click', () => (window.__acceptAt = Date.now()), { capture: true, once: true });
  });
  await (await byTestId(officer, 'accept-next')).click();
  await tv.waitUntil(async () => ((await tv.execute(() => window.__firstFrameAt)) ?? null) !== null, {
    timeout: 20_000,
    interval: 20,
  });
  const acceptAt = await officer.execute(() => window.__acceptAt ?? null);
  const frameAt = await tv.execute(() => window.__firstFrameAt ?? null);
  if (acceptAt === null || frameAt === null)
    throw new Error('the accept click or the first frame was not seen');
  return frameAt - acceptAt;
}

async function endCall(): Promise<void> {
  await officer
    .$('[data-testid="call-panel"][data-call-state="connected"]')
    .waitForExist({ timeout: 20_000 });
  await (await byTestId(officer, 'end-outcome')).selectByAttribute('value', 'resolved');
  await (await byTestId(officer, 'end-submit')).click();
  await officer.$('[data-testid="call-panel"]').waitForExist({ reverse: true, timeout: 10_000 });
  await waitForTv(tv, (s) => detailsOn(s, 'videoCounter')?.view === 'survey', 'survey');
  await press(tv, 'r');
  await waitForTv(tv, (s) => s.counter.surveyFor === null, 'survey skipped');
  await press(tv, 'd');
  await waitForTv(tv, (s) => s.screen === 'home', 'Home');
}

function cpuTicks(pid: number): number {
  // Fields after the command name: utime is the 12th, stime the 13th (man 5 proc).
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(fields[11]) + Number(fields[12]);
}

/** Percent of one core the process used over the window. */
async function cpuPercent(pid: number): Promise<number> {
  const t0 = cpuTicks(pid);
  const started = Date.now();
  await new Promise((resolve) => setTimeout(resolve, CPU_WINDOW_MS));
  const seconds = (Date.now() - started) / 1000;
  return Math.round(((cpuTicks(pid) - t0) / CLOCK_TICKS / seconds) * 1000) / 10;
}

/**
 * One call's forwarding on the measured worker: the live call's four streams (TV and officer,
 * sound and picture) piped in, and each sent out again over SRTP, as a room does for its two
 * sides. The receivers are a UDP socket that drops the packets.
 */
async function addCall(
  worker: MediaWorker,
  source: ms.Router,
  producers: ms.Producer[],
  sink: UdpSocket,
): Promise<ms.Router> {
  const router = await worker.worker.createRouter({ mediaCodecs: MEDIA_CODECS });
  const { port } = sink.address();
  // A pipe of our own: pipeToRouter keeps the producer's id, and one worker cannot hold two
  // producers with one id, so each router gets fresh copies.
  const listenInfo = { protocol: 'udp', ip: '127.0.0.1' } as const;
  const [out, into] = await Promise.all([
    source.createPipeTransport({ listenInfo }),
    router.createPipeTransport({ listenInfo }),
  ]);
  await out.connect({ ip: into.tuple.localAddress, port: into.tuple.localPort });
  await into.connect({ ip: out.tuple.localAddress, port: out.tuple.localPort });
  for (const producer of producers) {
    const pipeConsumer = await out.consume({ producerId: producer.id });
    const copy = await into.produce({ kind: pipeConsumer.kind, rtpParameters: pipeConsumer.rtpParameters });
    const transport = await router.createPlainTransport({
      listenInfo,
      rtcpMux: true,
      comedia: false,
      enableSrtp: true,
      srtpCryptoSuite: 'AES_CM_128_HMAC_SHA1_80',
    });
    await transport.connect({
      ip: '127.0.0.1',
      port,
      srtpParameters: {
        cryptoSuite: 'AES_CM_128_HMAC_SHA1_80',
        keyBase64: randomBytes(30).toString('base64'),
      },
    });
    await transport.consume({ producerId: copy.id, rtpCapabilities: router.rtpCapabilities });
  }
  return router;
}

it('video counter: accept to first frame, and CPU per concurrent call on one worker', async () => {
  const onSqlite = await latencies();

  // A live call feeds the load test.
  await joinQueue();
  await (await byTestId(officer, 'accept-next')).click();
  await waitForTv(tv, (s) => s.counter.call?.sessionState === 'connected', 'in the call', 20_000);
  const consultationId = (await waitForTv(tv, (s) => s.counter.call !== null, 'call')).counter.call
    ?.consultationId;
  const room = consultationId === undefined ? undefined : server.rooms.get(consultationId);
  if (!room) throw new Error('no room for the live call');
  await officer.waitUntil(async () => room.producers().length === 4, { timeout: 20_000 });
  const first = server.media.next() as MediaWorker;
  const second = server.media.next() as MediaWorker;
  const measured = first.worker.pid === room.workerPid ? second : first;

  const sink = createSocket('udp4');
  sink.on('message', () => undefined);
  await new Promise<void>((resolve) => sink.bind(0, '127.0.0.1', () => resolve()));
  const idle = await cpuPercent(measured.worker.pid);
  const routers: ms.Router[] = [];
  const cpu: { calls: number; workerCpuPercent: number; perCallPercent: number }[] = [];
  for (const calls of CONCURRENCY) {
    while (routers.length < calls) routers.push(await addCall(measured, room.router, room.producers(), sink));
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    const percent = await cpuPercent(measured.worker.pid);
    cpu.push({
      calls,
      workerCpuPercent: percent,
      perCallPercent: Math.round(((percent - idle) / calls) * 100) / 100,
    });
  }
  for (const router of routers) router.close();
  sink.close();

  // The same calls with the counter's rows in PostgreSQL (a throwaway cluster, durable settings).
  await closeCounter();
  postgres = await startThrowawayPostgres();
  await openCounter({ MADOGUCHI_DATABASE_URL: await postgres.createDatabase() });
  const onPostgres = await latencies();

  const m = machine();
  const latency = summarise(onSqlite);
  const pgLatency = summarise(onPostgres);
  writeJson('video-counter', {
    machine: m,
    acceptToFirstFrameMs: { ...latency, raw: onSqlite },
    acceptToFirstFrameOnPostgresMs: { ...pgLatency, raw: onPostgres },
    cpu,
    idleCpuPercent: idle,
  });
  writeDocSection(
    'video-counter',
    `## Video counter / ビデオ窓口

**Accept → first frame on the TV**: the officer clicks 受付 in the staff console → the first frame of
the officer's camera is presented on the TV (\`requestVideoFrameCallback\` on the TV's video element),
${CALLS_FOR_LATENCY} calls, real Chromium on both sides with the fake camera, mediasoup on 127.0.0.1, once with
the counter's rows in SQLite and once in PostgreSQL over loopback (the same run).

| database | median | p95 | min | max |
|---|---|---|---|---|
| SQLite | ${latency.median} | ${latency.p95} | ${latency.min} | ${latency.max} |
| PostgreSQL | ${pgLatency.median} | ${pgLatency.p95} | ${pgLatency.min} | ${pgLatency.max} |

PostgreSQL's median is **${(pgLatency.median / latency.median).toFixed(2)}×** SQLite's (the target: within 1.10×).

**CPU per concurrent call on one worker**: one live call (TV and officer, sound and picture) feeds a
second worker, which forwards its four streams for each added call and sends them out again over SRTP
(mediasoup pipe transports in, plain SRTP transports out to a socket that drops the packets): the
forwarding a room does for its two sides. CPU of that worker process over ${CPU_WINDOW_MS / 1000} s,
in percent of one core (idle ${idle} %).

| concurrent calls | worker CPU % | per call % |
|---|---|---|
${cpu.map((row) => `| ${row.calls} | ${row.workerCpuPercent} | ${row.perCallPercent} |`).join('\n')}

Machine: ${machineLine(m)}. The fake camera sends 640×480 VP8 at about 20 fps; a real camera at
higher resolution costs more per call. Run \`npm run bench\` to measure again.`,
  );
});
