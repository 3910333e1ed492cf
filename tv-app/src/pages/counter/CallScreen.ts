import { Lightning } from '@lightningjs/sdk';
import { Dialog } from '../../components/Dialog';
import { textSettings } from '../../components/card';
import type { CallScreenSpec, ScreenDialog } from '../../services/counterScreens';
import { wrapLines, type MeasureText, type Rect } from '../../ui/layout';
import type { Theme, Typography } from '../../ui/theme';
import { videoLayer } from '../../ui/VideoLayer';
import { callLayout } from '../../ui/videoLayout';

export interface CallScreenProps {
  call: CallScreenSpec;
  /** The content rectangle on the stage (absolute), where the page is. */
  frame: Rect;
  dialog: ScreenDialog | null;
  dialogFocus: number;
  remote: MediaStream | null;
  local: MediaStream | null;
  sizes: Typography;
  theme: Theme;
  measure: MeasureText;
}

/**
 * The call: the officer as large as the content area allows, the TV's own camera small in a
 * corner, both as `<video>` under the canvas. This component draws only around them (status
 * line, the end question) and, when there is no picture, a card in the officer's place.
 */
export class CallScreen extends Lightning.Component {
  static override _template(): Lightning.Component.Template {
    return {
      Placeholder: { Surface: {}, Lines: {} },
      Status: { Warning: {}, First: {}, Second: {} },
      Band: { type: Dialog },
    };
  }

  update(props: CallScreenProps): void {
    const { call, frame, sizes, theme } = props;
    // The second line drops its key hint (the legend says it too) and may wrap once at large sizes.
    const smallLine = Math.round(sizes.small * 1.35);
    const fitsOneLine = props.measure(call.status[1], sizes.small, false) <= frame.w;
    const second = fitsOneLine ? call.status[1] : call.statusShort;
    const secondLines = Math.min(2, wrapLines(second, frame.w, sizes.small, false, props.measure).length);
    const statusHeight = Math.round(sizes.body * 1.35) + 8 + secondLines * smallLine;
    const layout = callLayout(frame, {
      statusHeight,
      bandHeight: props.dialog ? Dialog.bandHeight(sizes) : 0,
      selfView: call.selfView && props.local !== null,
    });
    const local = (rect: Rect): Rect => ({ ...rect, x: rect.x - frame.x, y: rect.y - frame.y });
    const remote = local(layout.remote);
    const status = local(layout.status);
    const showVideo = call.placeholder === null;

    const placeholderLines = (call.placeholder ?? []).map((text, index) => ({
      x: remote.w / 2,
      y: remote.h / 2 + (index - (call.placeholder!.length - 1) / 2) * Math.round(sizes.title * 1.5),
      mount: 0.5,
      text: textSettings({
        text,
        fontSize: index === 0 ? sizes.title : sizes.body,
        colour: theme.text,
        bold: index === 0,
        wrapWidth: remote.w - 80,
        maxLines: 2,
        align: 'center',
      }),
    }));
    this.patch({
      Placeholder: {
        visible: !showVideo,
        x: remote.x,
        y: remote.y,
        Surface: { texture: Lightning.Tools.getRoundRect(remote.w, remote.h, 24, 0, 0, true, theme.surface) },
      },
      Status: {
        x: status.x,
        y: status.y,
        Warning: {
          visible: call.warning,
          x: -12,
          y: -4,
          texture: Lightning.Tools.getRoundRect(
            status.w + 24,
            Math.round(sizes.body * 1.35) + 8,
            12,
            0,
            0,
            true,
            theme.warningBackground,
          ),
        },
        First: {
          text: textSettings({
            text: call.status[0],
            fontSize: sizes.body,
            colour: call.warning ? theme.warningText : theme.text,
            bold: true,
            wrapWidth: status.w,
            maxLines: 1,
          }),
        },
        Second: {
          y: Math.round(sizes.body * 1.35) + 8,
          text: textSettings({
            text: second,
            fontSize: sizes.small,
            colour: theme.text,
            wrapWidth: status.w,
            maxLines: 2,
            lineHeight: smallLine,
          }),
        },
      },
    });
    this.tag('Placeholder.Lines')!.children = placeholderLines;

    const band = this.tag('Band') as Dialog;
    band.visible = props.dialog !== null;
    if (props.dialog) {
      const rect = local(layout.band);
      band.patch({ x: rect.x, y: rect.y });
      band.update({
        w: rect.w,
        h: rect.h,
        mode: 'band',
        question: props.dialog.question,
        hint: props.dialog.hint,
        choices: props.dialog.choices.map((choice) => choice.label),
        focus: props.dialogFocus,
        sizes,
        theme,
        measure: props.measure,
      });
    }

    const videos = videoLayer();
    videos.attach(props.remote, call.selfView ? props.local : null);
    videos.place(showVideo ? layout.remote : null, showVideo ? layout.self : null);
  }

  /** The call screen is gone: take the videos off the page. */
  leave(): void {
    videoLayer().detach();
  }
}
