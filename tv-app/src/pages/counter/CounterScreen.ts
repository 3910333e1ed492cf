import type { TextScale } from '@madoguchi/shared';
import { Lightning } from '@lightningjs/sdk';
import { Dialog } from '../../components/Dialog';
import type { ScreenSpec } from '../../services/counterScreens';
import { FOCUS_MARGIN, type MeasureText, type Rect } from '../../ui/layout';
import type { Theme, Typography } from '../../ui/theme';
import { CallScreen } from './CallScreen';
import { ChoiceScreen } from './ChoiceScreen';

export interface CounterScreenProps {
  spec: ScreenSpec;
  /** The page's content rectangle on the stage. */
  frame: Rect;
  focus: number;
  dialogFocus: number;
  remote: MediaStream | null;
  local: MediaStream | null;
  scale: TextScale;
  sizes: Typography;
  theme: Theme;
  measure: MeasureText;
}

/** Draws a video-counter screen: the call, or text and choices with, maybe, a question over them. */
export class CounterScreen extends Lightning.Component {
  static override _template(): Lightning.Component.Template {
    return {
      Choices: { type: ChoiceScreen },
      Call: { type: CallScreen, visible: false },
      // Dims the screen behind a question, which stays readable around the card.
      Shade: { rect: true, visible: false },
      Dialog: { type: Dialog, visible: false },
    };
  }

  update(props: CounterScreenProps): void {
    const { spec, frame, sizes, theme, measure } = props;
    const choices = this.tag('Choices') as ChoiceScreen;
    const call = this.tag('Call') as CallScreen;
    const dialog = this.tag('Dialog') as Dialog;
    if (spec.call) {
      choices.visible = false;
      dialog.visible = false;
      this.tag('Shade')!.visible = false;
      call.visible = true;
      call.update({
        call: spec.call,
        frame,
        dialog: spec.dialog,
        dialogFocus: props.dialogFocus,
        remote: props.remote,
        local: props.local,
        sizes,
        theme,
        measure,
      });
      return;
    }
    this.leave();
    choices.visible = true;
    choices.update({
      spec,
      w: frame.w,
      h: frame.h,
      focus: spec.dialog ? -1 : props.focus,
      scale: props.scale,
      sizes,
      theme,
      measure,
    });
    dialog.visible = spec.dialog !== null;
    this.tag('Shade')!.patch({
      visible: spec.dialog !== null,
      x: -FOCUS_MARGIN,
      w: frame.w + 2 * FOCUS_MARGIN,
      h: frame.h,
      color: (theme.background & 0xffffff) + 0xd8000000,
    });
    if (!spec.dialog) return;
    dialog.update({
      w: frame.w - 2 * FOCUS_MARGIN,
      h: frame.h,
      mode: 'card',
      question: spec.dialog.question,
      hint: spec.dialog.hint,
      choices: spec.dialog.choices.map((choice) => choice.label),
      focus: props.dialogFocus,
      sizes,
      theme,
      measure,
    });
    dialog.patch({ x: FOCUS_MARGIN, y: Math.max(0, Math.round((frame.h - dialog.h) / 2)) });
  }

  /** Not the call any more: the videos leave the page. */
  leave(): void {
    const call = this.tag('Call') as CallScreen;
    call.leave();
    call.visible = false;
  }
}
