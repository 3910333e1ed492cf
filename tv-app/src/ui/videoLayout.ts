import { STAGE, type Rect } from './layout';

/**
 * Where the call's video goes. The `<video>` elements sit under the WebGL canvas, so these
 * rectangles are holes the Lightning scene must leave empty (TV-UX.md, "Video on a Lightning app").
 */

export const VIDEO_ASPECT = 16 / 9;
const GAP = 16;
/** The self view is this share of the officer's width, in the officer's bottom-right corner. */
export const SELF_VIEW_SHARE = 0.24;
const SELF_VIEW_INSET = 20;

export interface CallLayoutOptions {
  /** The thin status line under the video (officer, what the TV sends, how to end). */
  statusHeight: number;
  /** A band under the video for a question (end the call?); 0 when none. */
  bandHeight: number;
  /** The TV sends video, so it shows itself. */
  selfView: boolean;
}

export interface CallLayout {
  /** The officer: the largest 16:9 rectangle that fits above the status line, centred. */
  remote: Rect;
  self: Rect | null;
  status: Rect;
  band: Rect;
}

/** The largest rectangle of `aspect` inside `area`, centred horizontally, at its top. */
export function fitAspect(area: Rect, aspect: number): Rect {
  const w = Math.max(0, Math.min(area.w, Math.floor(area.h * aspect)));
  const h = Math.max(0, Math.floor(w / aspect));
  return { x: area.x + Math.floor((area.w - w) / 2), y: area.y, w, h };
}

/** The call screen inside the content area (stage pixels): video above, status and band below. */
export function callLayout(content: Rect, options: CallLayoutOptions): CallLayout {
  const band = options.bandHeight > 0 ? options.bandHeight + GAP : 0;
  const videoArea: Rect = {
    x: content.x,
    y: content.y,
    w: content.w,
    h: Math.max(0, content.h - options.statusHeight - GAP - band),
  };
  const remote = fitAspect(videoArea, VIDEO_ASPECT);
  const status: Rect = { x: content.x, y: remote.y + remote.h + GAP, w: content.w, h: options.statusHeight };
  const bandRect: Rect = {
    x: content.x,
    y: status.y + status.h + GAP,
    w: content.w,
    h: Math.max(0, options.bandHeight),
  };
  let self: Rect | null = null;
  if (options.selfView && remote.w > 0) {
    const w = Math.round(remote.w * SELF_VIEW_SHARE);
    const h = Math.round(w / VIDEO_ASPECT);
    self = {
      x: remote.x + remote.w - w - SELF_VIEW_INSET,
      y: remote.y + remote.h - h - SELF_VIEW_INSET,
      w,
      h,
    };
  }
  return { remote, self, status, band: bandRect };
}

/** Where the canvas is on the page, in CSS pixels (`getBoundingClientRect()`). */
export interface CanvasBox {
  left: number;
  top: number;
  width: number;
  height: number;
}

/**
 * A stage rectangle in CSS pixels of the page: the stage is 1920×1080 drawn at the canvas's
 * size, wherever the canvas is (centred, scaled for 720p, device pixel ratio).
 */
export function toCssRect(rect: Rect, canvas: CanvasBox): Rect {
  const sx = canvas.width / STAGE.w;
  const sy = canvas.height / STAGE.h;
  const x = canvas.left + rect.x * sx;
  const y = canvas.top + rect.y * sy;
  const right = canvas.left + (rect.x + rect.w) * sx;
  const bottom = canvas.top + (rect.y + rect.h) * sy;
  return {
    x: Math.round(x),
    y: Math.round(y),
    w: Math.round(right) - Math.round(x),
    h: Math.round(bottom) - Math.round(y),
  };
}
