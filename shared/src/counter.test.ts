import { describe, expect, it } from 'vitest';
import { isLiveCall, isOpenConsultation } from './counter.js';

describe('consultation statuses', () => {
  it('a ringing call back is open but not live; on hold is both; ended is neither', () => {
    expect([isOpenConsultation('ringing'), isLiveCall('ringing')]).toEqual([true, false]);
    expect([isOpenConsultation('active'), isLiveCall('active')]).toEqual([true, true]);
    expect([isOpenConsultation('onHold'), isLiveCall('onHold')]).toEqual([true, true]);
    expect([isOpenConsultation('ended'), isLiveCall('ended')]).toEqual([false, false]);
  });
});
