import { Lightning } from '@lightningjs/sdk';
import type { Theme } from '../ui/theme';
import { textSettings } from './card';

export interface ToastProps {
  text: string;
  /** Width of the text as drawn (measured by the caller with the real font). */
  textWidth: number;
  /** Top-right corner of the toast, in stage pixels (over the header, never over the content). */
  right: number;
  top: number;
  fontSize: number;
  theme: Theme;
  /** Red-edged for a failure, accent-edged otherwise. */
  failure: boolean;
}

const SHOW_SECONDS = 4;

/** A short message (保存しました) that goes away by itself, where the city name usually is. */
export class Toast extends Lightning.Component {
  private hideTimer: ReturnType<typeof setTimeout> | undefined;
  private shown: string | null = null;
  private onHidden: (() => void) | undefined;

  static override _template(): Lightning.Component.Template {
    return { alpha: 0, Border: {}, Surface: {}, Label: {} };
  }

  get message(): string | null {
    return this.shown;
  }

  /** `onHidden` runs when this toast goes away (timeout, `hide()`, or a newer toast). */
  show(props: ToastProps, onHidden?: () => void): void {
    this.finish();
    this.onHidden = onHidden;
    const { fontSize, theme } = props;
    const pad = Math.round(fontSize * 0.7);
    const w = Math.min(1600, Math.round(props.textWidth) + 2 * pad);
    // About as high as the header, so it never covers the screen itself.
    const h = Math.round(fontSize * 2);
    const edge = props.failure ? theme.keys.red : theme.focus;
    this.shown = props.text;
    this.patch({
      x: props.right - w,
      y: props.top,
      w,
      h,
      Border: { x: -6, y: -6, texture: Lightning.Tools.getRoundRect(w + 12, h + 12, 26, 6, edge, false, 0) },
      Surface: { texture: Lightning.Tools.getRoundRect(w, h, 20, 0, 0, true, theme.surface) },
      Label: {
        x: w / 2,
        y: h / 2,
        mount: 0.5,
        text: textSettings({ text: props.text, fontSize, colour: theme.text, bold: true, lines: 1 }),
      },
    });
    this.setSmooth('alpha', 1, { duration: 0.15 });
    this.hideTimer = setTimeout(() => this.hide(), SHOW_SECONDS * 1000);
  }

  hide(): void {
    this.finish();
    this.shown = null;
    this.setSmooth('alpha', 0, { duration: 0.2 });
  }

  private finish(): void {
    if (this.hideTimer) clearTimeout(this.hideTimer);
    this.hideTimer = undefined;
    const onHidden = this.onHidden;
    this.onHidden = undefined;
    onHidden?.();
  }

  override _detach(): void {
    if (this.hideTimer) clearTimeout(this.hideTimer);
  }
}
