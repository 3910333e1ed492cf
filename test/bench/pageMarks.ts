// What the benchmarks put on the pages they measure (set with browser.execute), typed once here.
declare global {
  interface Window {
    /** tv-app.measure: keydown → next frame, in milliseconds. */
    __keyToFrame?: number[];
    /** video-counter.measure: when the TV showed the officer's first frame (ms since the epoch). */
    __firstFrameAt?: number | null;
    /** video-counter.measure: when the officer clicked accept (ms since the epoch). */
    __acceptAt?: number | null;
  }
}

export {};
