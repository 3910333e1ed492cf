import type { WindowServer } from '@madoguchi/window-server';
import { afterAll, beforeAll, it } from 'vitest';
import type { DeviceSocket } from '../integration/support/clients.js';
import { ALWAYS_OPEN_TENANT, registeredTv } from '../integration/support/counter.js';
import { linkCitizen } from '../integration/support/linking.js';
import { startServer } from '../integration/support/server.js';
import { machine, machineLine, summarise, writeDocSection, writeJson, type Summary } from './report.js';

const WARM_UP = 50;
const SAMPLES = 400;
const PORTAL_KEY = 'bench-portal-key';
const CURRENCY = { id: 'bench-currency', secret: 'bench-currency-secret' };
/** demo-0001 is 田中 一郎, the citizen the bench links to its TV. */
const SUBJECT = 'demo-0001';

let server: WindowServer;
let tv: { socket: DeviceSocket; token: string };
let citizenId: string;
let currencyToken: string;

beforeAll(async () => {
  // Keys named for sandboxed partners are the embedded sandbox's own: the bench can call it directly.
  server = await startServer({
    env: {
      MADOGUCHI_TENANT_FILE: ALWAYS_OPEN_TENANT,
      MADOGUCHI_PORTAL_API_KEY: PORTAL_KEY,
      MADOGUCHI_CURRENCY_CLIENT_ID: CURRENCY.id,
      MADOGUCHI_CURRENCY_CLIENT_SECRET: CURRENCY.secret,
    },
  });
  tv = await registeredTv(server.cityUrl());
  citizenId = await linkCitizen(server, tv, 'tanaka.ichiro');
  const token = await fetch(`${server.cityUrl()}/sandbox/partners/currency/oauth/token`, {
    method: 'POST',
    headers: {
      authorization: `Basic ${Buffer.from(`${CURRENCY.id}:${CURRENCY.secret}`).toString('base64')}`,
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: 'grant_type=client_credentials',
  });
  currencyToken = ((await token.json()) as { access_token: string }).access_token;
});

afterAll(async () => {
  tv?.socket.disconnect();
  await server?.close();
});

async function timed(run: () => Promise<Response>): Promise<number> {
  const started = performance.now();
  const response = await run();
  await response.arrayBuffer();
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  return performance.now() - started;
}

async function measure(run: () => Promise<Response>): Promise<number[]> {
  for (let i = 0; i < WARM_UP; i += 1) await timed(run);
  const samples: number[] = [];
  for (let i = 0; i < SAMPLES; i += 1) samples.push(await timed(run));
  return samples;
}

const partner = (path: string, headers: Record<string, string>) => () =>
  fetch(`${server.cityUrl()}/sandbox/partners${path}`, { headers });
const gateway = (path: string) => () =>
  fetch(`${server.cityUrl()}/api/v1/services${path}`, {
    headers: { authorization: `Bearer ${tv.token}`, origin: server.url },
  });

/** The partner calls a screen needs, made directly and side by side as the gateway makes them. */
const walletDirect = () => {
  const auth = { authorization: `Bearer ${currencyToken}` };
  const base = `/currency/v1/accounts/${SUBJECT}`;
  return Promise.all([
    partner(`${base}/balance`, auth)(),
    partner(`${base}/transactions?limit=10`, auth)(),
    partner(`${base}/coupons`, auth)(),
  ]).then(async (responses) => {
    for (const r of responses.slice(1)) await r.arrayBuffer();
    return responses[0] as Response;
  });
};

interface Row {
  screen: string;
  direct: Summary;
  gateway: Summary;
}

it('gateway: added latency over calling the partner directly', async () => {
  const rows: Row[] = [
    {
      screen: 'notices (1 portal call)',
      direct: summarise(await measure(partner('/portal/v1/notices?limit=20', { 'x-api-key': PORTAL_KEY }))),
      gateway: summarise(await measure(gateway('/notices'))),
    },
    {
      screen: 'wallet (3 currency calls at once)',
      direct: summarise(await measure(walletDirect)),
      gateway: summarise(await measure(gateway(`/wallet?citizenId=${citizenId}`))),
    },
  ];
  const env = machine();
  writeJson('gateway', { machine: env, samples: SAMPLES, rows });

  const ms = (n: number): string => n.toFixed(1);
  const ratio = (gatewayMs: number, directMs: number): string => `${(gatewayMs / directMs).toFixed(2)}×`;
  const table = rows
    .map(
      (r) =>
        `| ${r.screen} | ${ms(r.direct.median)} | ${ms(r.gateway.median)} | ${ratio(r.gateway.median, r.direct.median)} | ${ms(r.direct.p99)} | ${ms(r.gateway.p99)} | ${ratio(r.gateway.p99, r.direct.p99)} |`,
    )
    .join('\n');
  writeDocSection(
    'gateway',
    `## Service gateway / サービス連携ゲートウェイ

What window-server adds on top of a partner call: the TV's request to \`/api/v1/services\`
(device token, consent and audit for citizen data, the partner call with its time budget and
contract check, the answer reshaped for the TV) against the same partner calls made directly.
The embedded sandbox partners on 127.0.0.1, ${SAMPLES} sequential requests after ${WARM_UP} to
warm up, one TV with one linked citizen. Milliseconds.

| screen | direct p50 | gateway p50 | p50 ratio | direct p99 | gateway p99 | p99 ratio |
|---|---|---|---|---|---|---|
${table}

Both columns of a row come from the same run, one after the other. A real partner is across a
network, so its own time dwarfs these; the ratio is the gateway's cost on the fastest partner
there can be. Machine: ${machineLine(env)}. Run \`npm run bench\` to measure again.`,
  );
});
