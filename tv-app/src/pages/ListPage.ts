import { Dialog, drawCardDialog } from '../components/Dialog';
import { drawRowList } from '../components/Row';
import { textSettings } from '../components/card';
import { speechOf } from '../services/counterModel';
import type { RouteName } from '../services/AppContext';
import { ctx } from '../services/runtime';
import { listLayout, wrapLines, FOCUS_MARGIN } from '../ui/layout';
import { Page } from './Page';

export interface ListItem {
  id: string;
  label: string;
  /** A value the viewer can change with left/right/OK. */
  value?: string;
  /** ◀ ▶ around the value (false: OK toggles it, as with a consent). */
  arrows?: boolean;
  /** Spoken when focused; the label by default. */
  speech?: string;
  bold?: boolean;
}

/** A question over the list with two or more answers (登録を やめますか？). */
export interface ListDialog {
  question: string;
  hint: string;
  choices: { id: string; label: string }[];
}

/**
 * A vertical list of large rows: up/down (or a digit) moves the focus, and the list scrolls
 * so the focused row is always on screen, whatever the text size. A lead line may explain the
 * screen above the rows; a question may be asked over them.
 */
export abstract class ListPage<R extends RouteName> extends Page<R> {
  protected focus = 0;
  private offset = 0;
  protected openQuestion: ListDialog | null = null;
  protected questionFocus = 0;

  static override _template() {
    return {
      Lead: {},
      Viewport: { clipping: true, Items: {} },
      Hint: {},
      Shade: { rect: true, visible: false },
      Dialog: { type: Dialog, visible: false },
    };
  }

  protected abstract items(): ListItem[];

  /** A line under the list saying which keys do what. */
  protected hint(): string | null {
    return null;
  }

  /** A line above the list (what the screen is for, or what is happening). */
  protected lead(): string | null {
    return null;
  }

  /** Share of a row's width its label takes when it has a value. */
  protected labelShare(): number {
    return 0.5;
  }

  override focusIndex(): number {
    if (this.openQuestion) return this.questionFocus;
    return this.items().length > 0 ? this.focus : -1;
  }

  override focusId(): string | null {
    if (this.openQuestion) return this.openQuestion.choices[this.questionFocus]?.id ?? null;
    return this.items()[this.focus]?.id ?? null;
  }

  override focusSpeech(): string | null {
    if (this.openQuestion) {
      const choice = this.openQuestion.choices[this.questionFocus];
      return speechOf([this.openQuestion.question, choice?.label]);
    }
    const item = this.items()[this.focus];
    return item ? (item.speech ?? item.label) : null;
  }

  override openingSpeech(): string | null {
    const lead = this.lead();
    const focused = this.focusSpeech();
    return speechOf([lead, focused]) || null;
  }

  override visibleTexts(): string[] {
    const hint = this.hint();
    const lead = this.lead();
    const question = this.openQuestion;
    return [
      this.title(),
      ...(lead ? [lead] : []),
      ...this.items().flatMap((item) => (item.value ? [item.label, item.value] : [item.label])),
      ...(hint ? [hint] : []),
      ...(question ? [question.question, ...question.choices.map((choice) => choice.label)] : []),
    ];
  }

  protected draw(): void {
    const items = this.items();
    this.focus = Math.min(this.focus, Math.max(0, items.length - 1));
    const { w, h } = this.frame;
    const rowW = w - 2 * FOCUS_MARGIN;
    const { body } = this.sizes;
    const padding = Math.round(22 * this.textScale);
    const measure = ctx().measure;
    const share = this.labelShare();
    const lines = items.map((item) => {
      const bold = item.value !== undefined || item.bold === true;
      const width = item.value !== undefined ? Math.round(rowW * share) : rowW - 2 * padding;
      return { lines: wrapLines(item.label, width, body, bold, measure).length };
    });
    const layout = listLayout(lines, this.textScale);

    const lead = this.lead();
    const leadLineHeight = Math.round(body * 1.35);
    const leadLines = lead ? wrapLines(lead, w, body, false, measure).length : 0;
    const leadHeight = lead ? 8 + leadLines * leadLineHeight + 8 : 0;
    const hint = this.hint();
    const hintHeight = hint ? Math.round(this.sizes.small * 1.35) + 16 : 0;
    const viewportHeight = h - hintHeight - leadHeight;
    this.patch({
      Lead: {
        visible: lead !== null,
        y: 8,
        text: textSettings({
          text: lead ?? '',
          fontSize: body,
          colour: ctx().theme.text,
          wrapWidth: w,
          lineHeight: leadLineHeight,
        }),
      },
      Viewport: { y: leadHeight, w, h: viewportHeight },
      Hint: {
        visible: hint !== null,
        y: h - hintHeight + 16,
        text: textSettings({
          text: hint ?? '',
          fontSize: this.sizes.small,
          colour: ctx().theme.text,
          wrapWidth: w,
          maxLines: 1,
        }),
      },
    });
    this.offset = drawRowList(
      this.tag('Viewport.Items')!,
      {
        items,
        lines,
        layout,
        w: rowW,
        padding,
        fontSize: body,
        theme: ctx().theme,
        labelShare: share,
        focus: this.focus,
        ringed: this.openQuestion === null,
        viewportHeight,
      },
      this.offset,
    );
    this.drawQuestion();
  }

  private drawQuestion(): void {
    drawCardDialog(this.tag('Shade')!, this.tag('Dialog') as Dialog, {
      w: this.frame.w,
      h: this.frame.h,
      theme: ctx().theme,
      sizes: this.sizes,
      measure: ctx().measure,
      focus: this.questionFocus,
      question: this.openQuestion,
    });
  }

  protected moveFocus(index: number): boolean {
    const count = this.items().length;
    if (this.openQuestion || index < 0 || index >= count || index === this.focus) return true;
    this.focus = index;
    this.focusMoved();
    return true;
  }

  /** Ask a question over the list; the first answer is focused. */
  protected ask(question: ListDialog): void {
    this.openQuestion = question;
    this.questionFocus = 0;
    this.focusMoved();
  }

  protected closeQuestion(): void {
    this.openQuestion = null;
    this.focusMoved();
  }

  /** Left/right between the answers of an open question. */
  protected moveQuestionFocus(step: 1 | -1): boolean {
    const count = this.openQuestion?.choices.length ?? 0;
    const next = this.questionFocus + step;
    if (next >= 0 && next < count && next !== this.questionFocus) {
      this.questionFocus = next;
      this.focusMoved();
    }
    return true;
  }

  override _handleUp(): boolean {
    return this.moveFocus(this.focus - 1);
  }

  override _handleDown(): boolean {
    return this.moveFocus(this.focus + 1);
  }

  protected override onDigit(digit: number): boolean {
    if (this.openQuestion) return true;
    if (digit > this.items().length) return false;
    return this.moveFocus(digit - 1);
  }
}
