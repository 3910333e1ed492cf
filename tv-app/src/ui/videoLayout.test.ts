import { describe, expect, it } from 'vitest';
import { frameOf } from './layout';
import { SELF_VIEW_SHARE, VIDEO_ASPECT, callLayout, fitAspect, toCssRect } from './videoLayout';

const inside = (inner: { x: number; y: number; w: number; h: number }, outer: typeof inner) =>
  inner.x >= outer.x &&
  inner.y >= outer.y &&
  inner.x + inner.w <= outer.x + outer.w &&
  inner.y + inner.h <= outer.y + outer.h;

describe('callLayout', () => {
  it('makes the officer as large as the content allows, 16:9, above the status line', () => {
    const { content } = frameOf(1, false);
    const layout = callLayout(content, { statusHeight: 100, bandHeight: 0, selfView: true });
    expect(inside(layout.remote, content)).toBe(true);
    expect(Math.abs(layout.remote.w / layout.remote.h - VIDEO_ASPECT)).toBeLessThan(0.01);
    // Height-bound at 1080p: the video takes all the height left by the status line.
    expect(layout.remote.h).toBeGreaterThan(content.h - 100 - 16 - 2);
    expect(layout.remote.x - content.x).toBe(content.x + content.w - (layout.remote.x + layout.remote.w));
    expect(layout.status.y).toBeGreaterThanOrEqual(layout.remote.y + layout.remote.h);
    expect(layout.status.y + layout.status.h).toBeLessThanOrEqual(content.y + content.h);
  });

  it('puts the self view small in the officer’s bottom-right corner', () => {
    const { content } = frameOf(1, false);
    const { remote, self } = callLayout(content, { statusHeight: 100, bandHeight: 0, selfView: true });
    expect(self).not.toBeNull();
    expect(inside(self!, remote)).toBe(true);
    expect(self!.w).toBe(Math.round(remote.w * SELF_VIEW_SHARE));
    expect(self!.x + self!.w).toBeGreaterThan(remote.x + remote.w - 40);
    expect(self!.y + self!.h).toBeGreaterThan(remote.y + remote.h - 40);
  });

  it('has no self view when the TV sends no video', () => {
    const { content } = frameOf(1, false);
    expect(callLayout(content, { statusHeight: 100, bandHeight: 0, selfView: false }).self).toBeNull();
  });

  it('shrinks the video for the end question and the offline banner, and never overlaps them', () => {
    const plain = callLayout(frameOf(1, false).content, { statusHeight: 100, bandHeight: 0, selfView: true });
    const asking = callLayout(frameOf(1, false).content, {
      statusHeight: 100,
      bandHeight: 140,
      selfView: true,
    });
    expect(asking.remote.h).toBeLessThan(plain.remote.h);
    expect(asking.band.y).toBeGreaterThanOrEqual(asking.status.y + asking.status.h);
    const offline = frameOf(1.5, true);
    const layout = callLayout(offline.content, { statusHeight: 130, bandHeight: 0, selfView: true });
    expect(layout.remote.y).toBeGreaterThanOrEqual(offline.banner.y + offline.banner.h);
    expect(layout.status.y + layout.status.h).toBeLessThanOrEqual(offline.legend.y);
  });
});

describe('fitAspect', () => {
  it('is width-bound in a tall area and height-bound in a wide one', () => {
    expect(fitAspect({ x: 0, y: 0, w: 160, h: 900 }, 16 / 9)).toEqual({ x: 0, y: 0, w: 160, h: 90 });
    expect(fitAspect({ x: 10, y: 5, w: 1000, h: 90 }, 16 / 9)).toEqual({
      x: 500 - 80 + 10,
      y: 5,
      w: 160,
      h: 90,
    });
  });
});

describe('toCssRect', () => {
  it('scales stage pixels to the canvas on the page', () => {
    // A 1280×720 canvas centred in a 1280×800 window.
    const canvas = { left: 0, top: 40, width: 1280, height: 720 };
    expect(toCssRect({ x: 96, y: 54, w: 1728, h: 972 }, canvas)).toEqual({ x: 64, y: 76, w: 1152, h: 648 });
  });

  it('keeps the full stage exactly on the canvas', () => {
    const canvas = { left: 3.5, top: 0, width: 1919, height: 1079.4 };
    const rect = toCssRect({ x: 0, y: 0, w: 1920, h: 1080 }, canvas);
    expect(rect.x + rect.w).toBe(Math.round(3.5 + 1919));
    expect(rect.y + rect.h).toBe(Math.round(1079.4));
  });
});
