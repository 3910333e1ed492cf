import type { Browser } from './browser.js';

// What a page draws, seen from outside the app: for a build without the test hook (the packaged
// app). Lightning draws every text with a canvas's fillText and loads every image through an
// <img>; a script that runs before the page's own writes both down. Lightning keeps a drawn
// text while it is in use, so a text shows up when it is drawn anew (a new screen, a new size).

/** One text drawn on a canvas, with the canvas font (`bold 32px …`) it was drawn in. */
export interface DrawnText {
  text: string;
  font: string;
}

interface DrawnLog {
  texts: DrawnText[];
  /** `src` of every image the page loaded, in order. */
  images: string[];
}

declare global {
  interface Window {
    __drawn?: DrawnLog;
  }
}

/** Runs in the page before its scripts (so it cannot use anything from this module). */
function recordDrawing(): void {
  const log: DrawnLog = { texts: [], images: [] };
  window.__drawn = log;
  const fillText = CanvasRenderingContext2D.prototype.fillText;
  CanvasRenderingContext2D.prototype.fillText = function (text, x, y, maxWidth) {
    log.texts.push({ text: String(text), font: this.font });
    if (maxWidth === undefined) fillText.call(this, text, x, y);
    else fillText.call(this, text, x, y, maxWidth);
  };
  const src = Object.getOwnPropertyDescriptor(HTMLImageElement.prototype, 'src');
  Object.defineProperty(HTMLImageElement.prototype, 'src', {
    ...src,
    set(this: HTMLImageElement, value: string) {
      log.images.push(String(value));
      src?.set?.call(this, value);
    },
  });
}

/** Every page this browser opens from now on writes down what it draws (Chrome DevTools). */
export async function recordDrawingFromNow(browser: Browser): Promise<void> {
  await browser.sendCommand('Page.addScriptToEvaluateOnNewDocument', { source: `(${recordDrawing})();` });
}

/** How many texts the page has drawn so far: a mark to look after. */
export async function drawnCount(browser: Browser): Promise<number> {
  return browser.execute(() => window.__drawn?.texts.length ?? 0);
}

/** Waits until the page has drawn, after `since`, a text that passes `match`; returns it. */
export async function waitForDrawn(
  browser: Browser,
  since: number,
  match: (drawn: DrawnText) => boolean,
  what: string,
  timeout = 15_000,
): Promise<DrawnText> {
  let seen: DrawnText[] = [];
  try {
    return await browser.waitUntil(
      async () => {
        seen = await browser.execute((from: number) => window.__drawn?.texts.slice(from) ?? [], since);
        return seen.find(match) ?? false;
      },
      { timeout, interval: 50 },
    );
  } catch {
    const texts = seen.map((drawn) => `${drawn.font} ${drawn.text}`).join('\n  ');
    throw new Error(`the page never drew: ${what}\ndrawn since the mark:\n  ${texts}`);
  }
}

/** Waits until the page has loaded an image whose `src` passes `match`; returns the `src`. */
export async function waitForImage(
  browser: Browser,
  match: (src: string) => boolean,
  what: string,
  timeout = 15_000,
): Promise<string> {
  return browser.waitUntil(
    async () => (await browser.execute(() => window.__drawn?.images ?? [])).find(match) ?? false,
    { timeout, interval: 50, timeoutMsg: `the page never loaded: ${what}` },
  );
}

/** The size of a canvas font in pixels (`bold 32px Noto` → 32). */
export function fontPx(font: string): number {
  const size = /([0-9.]+)px/.exec(font)?.[1];
  if (size === undefined) throw new Error(`no pixel size in the font "${font}"`);
  return Number(size);
}

/**
 * The modules of a QR code image, read back from its pixels in the page (true: dark), row by
 * row; `modules` is its width in modules, quiet zone included.
 */
export async function qrModulesOf(browser: Browser, src: string, modules: number): Promise<boolean[]> {
  return browser.execute(
    async (imageSrc: string, side: number) => {
      const image = new Image();
      image.src = imageSrc;
      await image.decode();
      const canvas = document.createElement('canvas');
      canvas.width = image.naturalWidth;
      canvas.height = image.naturalHeight;
      const context = canvas.getContext('2d');
      if (!context) return [];
      context.drawImage(image, 0, 0);
      const pixels = context.getImageData(0, 0, canvas.width, canvas.height).data;
      const scale = canvas.width / side;
      const dark: boolean[] = [];
      for (let row = 0; row < side; row += 1) {
        for (let column = 0; column < side; column += 1) {
          const x = Math.floor((column + 0.5) * scale);
          const y = Math.floor((row + 0.5) * scale);
          dark.push((pixels[(y * canvas.width + x) * 4] ?? 255) < 128);
        }
      }
      return dark;
    },
    src,
    modules,
  );
}

/** Every text the page has drawn so far, oldest first. */
export async function drawnTexts(browser: Browser): Promise<string[]> {
  return browser.execute(() => (window.__drawn?.texts ?? []).map((drawn) => drawn.text));
}

/**
 * The colour of one CSS pixel of what the browser shows, as [r, g, b]: read from a screenshot
 * (canvas, page background and video together, as a viewer sees them), decoded in the page.
 */
export async function screenPixel(browser: Browser, x: number, y: number): Promise<[number, number, number]> {
  const png = await browser.takeScreenshot();
  return browser.execute(
    async (data: string, px: number, py: number) => {
      const image = new Image();
      image.src = `data:image/png;base64,${data}`;
      await image.decode();
      const canvas = document.createElement('canvas');
      canvas.width = image.naturalWidth;
      canvas.height = image.naturalHeight;
      const context = canvas.getContext('2d');
      if (!context) return [-1, -1, -1] as [number, number, number];
      context.drawImage(image, 0, 0);
      const scale = image.naturalWidth / window.innerWidth;
      const [r, g, b] = context.getImageData(Math.floor(px * scale), Math.floor(py * scale), 1, 1).data;
      return [r ?? -1, g ?? -1, b ?? -1] as [number, number, number];
    },
    png,
    x,
    y,
  );
}
