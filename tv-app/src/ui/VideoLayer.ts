import type { Rect } from './layout';
import { toCssRect } from './videoLayout';

export interface VideoRects {
  remote: Rect | null;
  self: Rect | null;
}

type Slot = 'remote' | 'self';

/**
 * The two `<video>` elements of a call, placed UNDER the Lightning canvas (z-order: body
 * background, videos, canvas). The scene leaves transparent holes where they are; this class
 * keeps the elements on those holes, in CSS pixels, also when the window is resized.
 */
export class VideoLayer {
  private readonly elements = new Map<Slot, HTMLVideoElement>();
  private stageRects: { remote: Rect | null; self: Rect | null } = { remote: null, self: null };
  private cssRects: VideoRects = { remote: null, self: null };
  private readonly onResize = () => this.layout();
  private listening = false;

  constructor(
    private readonly doc: Document,
    private readonly canvas: () => HTMLCanvasElement | null,
  ) {}

  /** The streams to show; the remote one also carries the officer's voice, so it plays even when hidden. */
  attach(remote: MediaStream | null, self: MediaStream | null): void {
    this.setStream('remote', remote);
    this.setStream('self', self);
    if (!this.listening) {
      this.doc.defaultView?.addEventListener('resize', this.onResize);
      this.listening = true;
    }
  }

  /** Stage rectangles for the officer and the self view; null hides one (its sound plays on). */
  place(remote: Rect | null, self: Rect | null): void {
    this.stageRects = { remote, self };
    this.layout();
  }

  /** Where the videos are on the page now, in CSS pixels. */
  rects(): VideoRects {
    return { ...this.cssRects };
  }

  /** The call is over: remove both elements. */
  detach(): void {
    for (const element of this.elements.values()) {
      element.srcObject = null;
      element.remove();
    }
    this.elements.clear();
    this.stageRects = { remote: null, self: null };
    this.cssRects = { remote: null, self: null };
    if (this.listening) this.doc.defaultView?.removeEventListener('resize', this.onResize);
    this.listening = false;
  }

  private setStream(slot: Slot, stream: MediaStream | null): void {
    let element = this.elements.get(slot);
    if (!stream) {
      if (element) {
        element.srcObject = null;
        element.remove();
        this.elements.delete(slot);
      }
      return;
    }
    if (!element) {
      element = this.create(slot);
      this.elements.set(slot, element);
    }
    if (element.srcObject !== stream) {
      element.srcObject = stream;
      element.play().catch((error: unknown) => console.warn(`the ${slot} video did not start`, error));
    }
  }

  private create(slot: Slot): HTMLVideoElement {
    const element = this.doc.createElement('video');
    element.className = `madoguchi-video madoguchi-video-${slot}`;
    element.autoplay = true;
    element.setAttribute('playsinline', '');
    // The self view must never play the TV's own microphone back into the room.
    element.muted = slot === 'self';
    element.style.visibility = 'hidden';
    const canvas = this.canvas();
    // Before the canvas in the document, and a lower z-index: always under it.
    if (canvas?.parentNode) canvas.parentNode.insertBefore(element, canvas);
    else this.doc.body.insertBefore(element, this.doc.body.firstChild);
    return element;
  }

  private layout(): void {
    const canvas = this.canvas();
    const box = canvas?.getBoundingClientRect();
    for (const slot of ['remote', 'self'] as const) {
      const element = this.elements.get(slot);
      const rect = this.stageRects[slot];
      if (!element || !rect || !box || rect.w <= 0 || rect.h <= 0) {
        if (element) element.style.visibility = 'hidden';
        this.cssRects[slot] = null;
        continue;
      }
      const css = toCssRect(rect, box);
      Object.assign(element.style, {
        left: `${css.x}px`,
        top: `${css.y}px`,
        width: `${css.w}px`,
        height: `${css.h}px`,
        visibility: 'visible',
      });
      this.cssRects[slot] = css;
    }
  }
}

let shared: VideoLayer | undefined;

/** The app's one video layer (the call screen places it, the test hook reads it). */
export function videoLayer(): VideoLayer {
  shared ??= new VideoLayer(document, () => document.querySelector('canvas'));
  return shared;
}
