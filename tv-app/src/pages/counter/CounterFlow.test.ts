import { DeviceRequestError } from '@madoguchi/stb-bridge';
import { describe, expect, it, vi } from 'vitest';
import { CounterFlow, type FlowHost } from './CounterFlow';

function setUp(counter: Partial<FlowHost['counter']> = {}) {
  const host = {
    counter: {
      join: vi.fn(() => Promise.resolve({} as never)),
      cancel: vi.fn(() => Promise.resolve()),
      requestCallback: vi.fn(() => Promise.resolve({} as never)),
      end: vi.fn(() => Promise.resolve()),
      submitSurvey: vi.fn(() => Promise.resolve()),
      loadInfo: vi.fn(() => Promise.resolve()),
      sync: vi.fn(() => Promise.resolve()),
      ...counter,
    },
    t: (key: string) => `«${key}»`,
    toast: vi.fn(),
    say: vi.fn(),
    changed: vi.fn(),
  };
  return { host, flow: new CounterFlow(host) };
}

const SLOT = { date: '2025-11-26', period: 'morning', relativeDay: 'tomorrow' } as const;

describe('CounterFlow', () => {
  it('steps through a call-back booking and back again', () => {
    const { flow } = setUp();
    flow.startCallback();
    expect(flow.local).toEqual({ step: 'callbackTopics' });
    flow.forward({ step: 'slots', topic: 'childcare' });
    flow.forward({ step: 'confirm', topic: 'childcare', slot: SLOT });
    flow.back();
    expect(flow.local).toEqual({ step: 'slots', topic: 'childcare' });
    flow.back();
    flow.back();
    flow.back();
    expect(flow.local).toEqual({ step: 'start' });
  });

  it('remembers the topic when the counter closed meanwhile, for the call back', async () => {
    const { flow, host } = setUp({
      join: vi.fn(() => Promise.reject(DeviceRequestError.of('COUNTER_CLOSED'))),
    });
    await flow.join('currency');
    expect(flow.notice).toBe('«errors.COUNTER_CLOSED»');
    expect(host.say).toHaveBeenCalledWith('«errors.COUNTER_CLOSED»');
    expect(host.counter.loadInfo).toHaveBeenCalled();
    flow.startCallback();
    expect(flow.local).toEqual({ step: 'slots', topic: 'currency' });
  });

  it('re-syncs instead of complaining when the TV is already in line', async () => {
    const { flow, host } = setUp({
      join: vi.fn(() => Promise.reject(DeviceRequestError.of('ALREADY_QUEUED'))),
    });
    await flow.join('childcare');
    expect(flow.notice).toBeNull();
    expect(host.counter.sync).toHaveBeenCalled();
  });

  it('does one request at a time, and is not busy afterwards', async () => {
    let finish: () => void = () => undefined;
    const { flow, host } = setUp({
      join: vi.fn(() => new Promise<never>((resolve) => (finish = resolve as never))),
    });
    const first = flow.join('childcare');
    expect(flow.busy).toBe(true);
    await flow.join('childcare');
    expect(host.counter.join).toHaveBeenCalledTimes(1);
    finish();
    await first;
    expect(flow.busy).toBe(false);
  });

  it('goes back to the times when a time was taken meanwhile', async () => {
    const { flow } = setUp({
      requestCallback: vi.fn(() => Promise.reject(DeviceRequestError.of('SLOT_UNAVAILABLE'))),
    });
    flow.forward({ step: 'confirm', topic: 'childcare', slot: SLOT });
    await flow.book('childcare', SLOT);
    expect(flow.local).toEqual({ step: 'slots', topic: 'childcare' });
    expect(flow.notice).toBe('«errors.SLOT_UNAVAILABLE»');
  });

  it('confirms the question: leave the line, or end the call', async () => {
    const { flow, host } = setUp();
    flow.openDialog('cancelWaiting');
    await flow.confirmDialog();
    expect(host.counter.cancel).toHaveBeenCalled();
    expect(host.toast).toHaveBeenCalledWith('«tvApp.counter.waitingCancelled»');
    expect(flow.dialog).toBeNull();
    flow.openDialog('endCall');
    await flow.confirmDialog();
    expect(host.counter.end).toHaveBeenCalled();
  });

  it('answers the survey, skips a question, and sends it all at the end', () => {
    const { flow, host } = setUp();
    flow.surveyOwed('c1');
    expect(flow.answer(5)).toBe(false);
    expect(flow.answer(null)).toBe(false);
    expect(flow.answer(7)).toBe(true);
    expect(host.counter.submitSurvey).toHaveBeenCalledWith([5, null, null]);
    expect(flow.local).toEqual({ step: 'thanks' });
    flow.surveyOwed('c2');
    expect(flow.survey).toEqual({ index: 0, answers: [] });
  });
});
