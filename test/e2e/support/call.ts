import type { InboundVideoStats } from '@madoguchi/stb-bridge/call';
import { execFileSync } from 'node:child_process';
import type { Browser } from './browser.js';

export async function tvCallStats(tv: Browser): Promise<InboundVideoStats | null> {
  return tv.execute(() => window.__madoguchi?.callStats() ?? null);
}

export async function staffCallStats(staff: Browser): Promise<InboundVideoStats | null> {
  return staff.execute(() => {
    const call = (
      window as unknown as { __staffCall?: { stats(): Promise<InboundVideoStats | null> | null } }
    ).__staffCall;
    return call?.stats() ?? null;
  });
}

/**
 * Waits until inbound video is being decoded: framesDecoded grows between two looks half a
 * second apart. Returns the later count.
 */
export async function videoFlows(
  read: () => Promise<InboundVideoStats | null>,
  what: string,
  timeout = 20_000,
): Promise<number> {
  const deadline = Date.now() + timeout;
  let last = -1;
  for (;;) {
    const stats = await read();
    const frames = stats?.framesDecoded ?? -1;
    if (last >= 0 && frames > last) return frames;
    last = frames;
    if (Date.now() > deadline) throw new Error(`${what}: video did not flow (framesDecoded ${frames})`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

/**
 * After the media path was rebuilt: the new consumer counts frames from zero, so first a count
 * below `before`, then growth. (Frames still buffered from the old path cannot pass for this.)
 */
export async function videoFlowsAgain(
  read: () => Promise<InboundVideoStats | null>,
  before: number,
  what: string,
  timeout: number,
): Promise<void> {
  const deadline = Date.now() + timeout;
  let restarted = false;
  let last = -1;
  for (;;) {
    const frames = (await read())?.framesDecoded ?? -1;
    if (!restarted && frames >= 0 && frames < before) restarted = true;
    if (restarted && last >= 0 && frames > last) return;
    if (restarted) last = frames;
    if (Date.now() > deadline) throw new Error(`${what}: video did not come back (framesDecoded ${frames})`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** The mediasoup worker processes of a server process. */
export function mediaWorkerPids(serverPid: number): number[] {
  const out = execFileSync('ps', ['-o', 'pid=,comm=', '--ppid', String(serverPid)], { encoding: 'utf8' });
  return out
    .split('\n')
    .map((line) => line.trim().split(/\s+/))
    .filter(([, command]) => command?.startsWith('mediasoup-work'))
    .map(([pid]) => Number(pid));
}
