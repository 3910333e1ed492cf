import type { CounterChange } from '../services/VideoCounter';
import {
  callChangeSpeech,
  chooseView,
  isSurveyAnswer,
  queueChangeSpeech,
  slotId,
  speechOf,
  type CallMoment,
  type CounterView,
} from '../services/counterModel';
import { counterScreen, type ScreenSpec } from '../services/counterScreens';
import { contactLine } from '../services/hoursModel';
import { ctx, shell } from '../services/runtime';
import type { VideoCounterDetails } from '../testHook/screenDetails';
import { CounterFlow } from './counter/CounterFlow';
import { CounterScreen } from './counter/CounterScreen';
import { Page } from './Page';

/** The thank-you screen goes Home by itself after this long, counting down on screen. */
export const THANKS_SECONDS = 10;

/**
 * ビデオ窓口: choose a topic, wait with your place in line, or book a call back when closed;
 * then the call, the survey and thanks. Which of those is on screen follows the TV's state on
 * the server (`chooseView`), so a push or a re-sync always lands on the right one.
 */
export class VideoCounterPage extends Page<'videoCounter'> {
  readonly route = 'videoCounter' as const;
  private readonly flow = new CounterFlow({
    counter: ctx().counter,
    t: (key, params) => ctx().t(key, params),
    toast: (text) => shell().toast(text),
    say: (text) => ctx().announcer.notice(text),
    changed: () => this.redraw(),
  });
  private focus = 0;
  private thanksLeft = THANKS_SECONDS;
  private thanksTimer: ReturnType<typeof setInterval> | undefined;
  private shownView: CounterView | undefined;
  private counterOff: (() => void) | undefined;
  /** The call as last heard about, to say what changed. */
  private lastCall: CallMoment | null = null;

  static override _template() {
    return { Screen: { type: CounterScreen } };
  }

  override _attach(): void {
    this.counterOff = ctx().counter.on('changed', (change) => this.onCounter(change));
    void ctx().counter.loadInfo();
  }

  override _detach(): void {
    this.counterOff?.();
    this.counterOff = undefined;
    this.stopThanks();
    (this.tag('Screen') as CounterScreen).leave();
  }

  title(): string {
    return this.spec().title;
  }

  // State → screen -----------------------------------------------------------------------------

  private view(): CounterView {
    const counter = ctx().counter;
    return chooseView(
      {
        infoState: counter.infoState,
        info: counter.info,
        entry: counter.entry,
        callStatus: counter.call?.status ?? null,
        surveyFor: counter.surveyFor,
      },
      this.flow.local,
    );
  }

  private spec(): ScreenSpec {
    const context = ctx();
    const { counter } = context;
    const { flow } = this;
    const media = counter.media;
    flow.surveyOwed(counter.surveyFor);
    return counterScreen(
      {
        view: this.view(),
        info: counter.info,
        entry: counter.entry,
        call: counter.call,
        media: media
          ? {
              sessionState: media.sessionState,
              localReady: media.localReady,
              sending: media.sending,
              peerVideo: media.peerVideo,
              failed: media.failed,
            }
          : null,
        local: flow.local,
        language: context.language,
        contact: context.tenant ? contactLine(context.texts, context.tenant, context.language) : '',
        busy: flow.busy,
        notice: flow.notice,
        dialog: flow.dialog,
        survey: flow.survey,
        thanksSeconds: this.thanksLeft,
      },
      context.texts,
    );
  }

  protected draw(): void {
    const view = this.view();
    if (view !== this.shownView) this.viewChanged(view);
    const spec = this.spec();
    this.focus = Math.min(this.focus, Math.max(0, spec.choices.length - 1));
    const context = ctx();
    const media = context.counter.media;
    (this.tag('Screen') as CounterScreen).update({
      spec,
      frame: this.frame,
      focus: this.focus,
      dialogFocus: this.flow.dialogFocus,
      remote: media?.remoteStream ?? null,
      local: media?.localStream ?? null,
      scale: this.textScale,
      sizes: this.sizes,
      theme: context.theme,
      measure: context.measure,
    });
  }

  /** Another screen of the counter: start at its first choice and say where we are. */
  private viewChanged(view: CounterView): void {
    const first = this.shownView === undefined;
    this.shownView = view;
    this.focus = 0;
    this.flow.closeDialog();
    // A hand-over or an error explains the screen that follows; the call replaces them.
    if (view === 'call') this.flow.notice = null;
    if (view === 'thanks') this.startThanks();
    if (first) return;
    // Said once this frame is drawn, with the new title.
    setTimeout(() => {
      if (!this.attached || this.shownView !== view) return;
      shell().pageChanged();
      ctx().announcer.screen(ctx().t('speech.screen', { title: this.title() }), this.openingSpeech());
    }, 0);
  }

  private redraw(): void {
    if (!this.attached || !this.visible) return;
    this.draw();
    shell().pageChanged();
  }

  // Speech and the test hook ------------------------------------------------------------------

  override focusIndex(): number {
    const spec = this.spec();
    if (spec.dialog) return this.flow.dialogFocus;
    return spec.choices.length > 0 ? this.focus : -1;
  }

  override focusId(): string | null {
    const spec = this.spec();
    if (spec.dialog) return spec.dialog.choices[this.flow.dialogFocus]?.id ?? null;
    return spec.choices[this.focus]?.id ?? null;
  }

  override focusSpeech(): string | null {
    const spec = this.spec();
    if (spec.dialog)
      return speechOf([spec.dialog.question, spec.dialog.choices[this.flow.dialogFocus]?.label]);
    if (spec.call) return speechOf(spec.call.status);
    const choice = spec.choices[this.focus];
    return choice ? (choice.speech ?? choice.label) : null;
  }

  override openingSpeech(): string | null {
    const spec = this.spec();
    if (spec.call) return speechOf([...(spec.call.placeholder ?? []), ...spec.call.status]);
    return speechOf([...spec.lines.map((line) => line.text), this.focusSpeech()]);
  }

  override visibleTexts(): string[] {
    const spec = this.spec();
    return [
      spec.title,
      ...spec.lines.map((line) => line.text),
      ...spec.choices.map((choice) => choice.label),
      ...(spec.hint ? [spec.hint] : []),
      ...(spec.call ? [...(spec.call.placeholder ?? []), ...spec.call.status] : []),
      ...(spec.dialog ? [spec.dialog.question, ...spec.dialog.choices.map((choice) => choice.label)] : []),
    ];
  }

  override details(): VideoCounterDetails {
    const view = this.view();
    return {
      view,
      dialog: this.flow.dialog,
      busy: this.flow.busy,
      notice: this.flow.notice,
      surveyQuestion: view === 'survey' ? this.flow.survey.index : null,
      thanksSeconds: view === 'thanks' ? this.thanksLeft : null,
    };
  }

  override onShow(): void {
    void ctx().counter.loadInfo();
  }

  override onConnection(online: boolean): void {
    if (online && ctx().counter.infoState !== 'loaded') void ctx().counter.loadInfo();
  }

  // Server changes -------------------------------------------------------------------------------

  private onCounter(change: CounterChange): void {
    const { flow } = this;
    const texts = ctx().texts;
    this.sayCallChange();
    if (change.kind === 'entry') {
      if (this.visible && this.view() === 'waiting') {
        const speech = queueChangeSpeech(texts, change.previous, change.entry);
        if (speech) ctx().announcer.notice(speech);
      }
      // The server ended the wait (the TV was away too long): say so rather than just forget it.
      const waited = change.previous?.status === 'waiting' || change.previous?.status === 'callbackRequested';
      if (waited && !change.entry && !flow.busy) flow.notice = texts.t('tvApp.counter.queueEnded');
    } else if (change.kind === 'callStarted') {
      flow.reset();
      flow.notice = null;
    } else if (change.kind === 'ended') {
      flow.closeDialog();
      if (change.reason === 'transferred') {
        flow.notice = texts.t('tvApp.counter.transferred');
        flow.reset();
      } else if (change.wasLive && !change.survey) {
        flow.local = { step: 'ended', reason: change.reason };
      } else if (!change.wasLive && change.reason === 'unanswered') {
        flow.notice = texts.t('tvApp.counter.endReason.unanswered');
      }
    }
    this.redraw();
  }

  private sayCallChange(): void {
    const { call, media } = ctx().counter;
    const next = call ? { status: call.status, sessionState: media?.sessionState ?? null } : null;
    const speech = callChangeSpeech(ctx().texts, this.lastCall, next);
    this.lastCall = next;
    if (speech && this.visible) ctx().announcer.notice(speech);
  }

  // Keys -------------------------------------------------------------------------------------------

  override _handleUp(): boolean {
    return this.spec().layout === 'rows' ? this.moveFocus(this.focus - 1) : true;
  }

  override _handleDown(): boolean {
    return this.spec().layout === 'rows' ? this.moveFocus(this.focus + 1) : true;
  }

  override _handleLeft(): boolean {
    if (this.flow.dialog) return this.moveDialogFocus(this.flow.dialogFocus - 1);
    return this.spec().layout === 'scale' ? this.moveFocus(this.focus - 1) : true;
  }

  override _handleRight(): boolean {
    if (this.flow.dialog) return this.moveDialogFocus(this.flow.dialogFocus + 1);
    return this.spec().layout === 'scale' ? this.moveFocus(this.focus + 1) : true;
  }

  override _handleEnter(): boolean {
    const spec = this.spec();
    if (spec.dialog) {
      const choice = spec.dialog.choices[this.flow.dialogFocus];
      if (choice) this.activate(choice.id);
      return true;
    }
    if (spec.call) {
      if (ctx().counter.media?.failed) ctx().counter.retryMedia();
      else ctx().announcer.focus(this.focusSpeech());
      return true;
    }
    const choice = spec.choices[this.focus];
    if (choice && !this.flow.busy) this.activate(choice.id);
    return true;
  }

  protected override onDigit(digit: number): boolean {
    const spec = this.spec();
    if (spec.dialog || this.flow.busy) return true;
    if (spec.view === 'survey') {
      if (isSurveyAnswer(digit)) {
        this.focus = digit - 1;
        this.answer(digit);
      }
      return true;
    }
    const choice = spec.numbered ? spec.choices[digit - 1] : undefined;
    if (!choice) return true;
    this.focus = digit - 1;
    this.draw();
    this.activate(choice.id);
    return true;
  }

  /** Red: close the question, or ask before ending what is going on (the wait, a call), or go back. */
  _handleRed(): boolean {
    if (this.flow.dialog) return this.closeDialog();
    switch (this.view()) {
      case 'waiting':
        return ctx().counter.entry?.status === 'waiting' ? this.openDialog('cancelWaiting') : true;
      case 'booked':
        return this.openDialog('cancelCallback');
      case 'call':
        return this.openDialog('endCall');
      case 'survey':
        this.flow.finishSurvey([]);
        this.redraw();
        return true;
      case 'slots':
      case 'confirmCallback':
      case 'callbackTopics':
        this.flow.back();
        return true;
      default:
        return false;
    }
  }

  override _handleBack(): boolean {
    if (this.flow.dialog) return this.closeDialog();
    switch (this.view()) {
      case 'call':
        // Leaving the call screen by accident must not leave the officer talking to nobody.
        ctx().announcer.focus(ctx().t('tvApp.counter.call.backHint'));
        return true;
      case 'survey':
        this.flow.surveyBack();
        this.focusMoved();
        return true;
      case 'slots':
      case 'confirmCallback':
      case 'callbackTopics':
        this.flow.back();
        return true;
      case 'thanks':
      case 'ended':
        shell().reset('home');
        return true;
      default:
        return false;
    }
  }

  /** The d key goes Home, except from a live call (red ends it, with a question). */
  _handleData(): boolean {
    if (this.view() !== 'call') return false;
    ctx().announcer.focus(ctx().t('tvApp.counter.call.backHint'));
    return true;
  }

  private moveFocus(index: number): boolean {
    const count = this.spec().choices.length;
    if (index < 0 || index >= count || index === this.focus) return true;
    this.focus = index;
    this.focusMoved();
    return true;
  }

  private moveDialogFocus(index: number): boolean {
    const count = this.spec().dialog?.choices.length ?? 0;
    if (index < 0 || index >= count || index === this.flow.dialogFocus) return true;
    this.flow.dialogFocus = index;
    this.focusMoved();
    return true;
  }

  private openDialog(kind: Parameters<CounterFlow['openDialog']>[0]): boolean {
    this.flow.openDialog(kind);
    this.focusMoved();
    return true;
  }

  private closeDialog(): boolean {
    this.flow.closeDialog();
    this.focusMoved();
    return true;
  }

  // Choices ----------------------------------------------------------------------------------------

  private activate(id: string): void {
    const { counter } = ctx();
    const { flow } = this;
    const [kind, ...rest] = id.split(':');
    const value = rest.join(':');
    switch (kind) {
      case 'topic':
        if (this.view() === 'callbackTopics') flow.forward({ step: 'slots', topic: value });
        else void flow.join(value);
        return;
      case 'askCallback':
        if (counter.entry) flow.forward({ step: 'slots', topic: counter.entry.topic });
        return;
      case 'requestCallback':
        flow.startCallback();
        return;
      case 'slot': {
        const slot = counter.info?.callbackSlots.find((candidate) => slotId(candidate) === value);
        if (slot && flow.local.step === 'slots')
          flow.forward({ step: 'confirm', topic: flow.local.topic, slot });
        return;
      }
      case 'confirmCallback':
        if (flow.local.step === 'confirm') void flow.book(flow.local.topic, flow.local.slot);
        return;
      case 'cancelWaiting':
        this.openDialog('cancelWaiting');
        return;
      case 'cancelCallback':
        this.openDialog('cancelCallback');
        return;
      case 'confirmDialog':
        void flow.confirmDialog();
        return;
      case 'closeDialog':
        this.closeDialog();
        return;
      case 'seeHours':
        shell().open('hours');
        return;
      case 'back':
        flow.back();
        return;
      case 'home':
        shell().reset('home');
        return;
      case 'retry':
        void counter.loadInfo();
        return;
      case 'answer':
        this.answer(Number(value));
        return;
      case 'skip':
        this.answer(null);
        return;
    }
  }

  private answer(value: number | null): void {
    if (this.view() !== 'survey') return;
    if (this.flow.answer(value)) {
      this.redraw();
      return;
    }
    // The next question: a new idea on the same screen, said from its start.
    this.focus = 0;
    this.redraw();
    ctx().announcer.screen(ctx().t('speech.screen', { title: this.title() }), this.openingSpeech());
  }

  private startThanks(): void {
    this.stopThanks();
    this.thanksLeft = THANKS_SECONDS;
    this.thanksTimer = setInterval(() => {
      this.thanksLeft--;
      if (this.thanksLeft <= 0) {
        this.stopThanks();
        if (this.attached) shell().reset('home');
        return;
      }
      this.redraw();
    }, 1000);
  }

  private stopThanks(): void {
    if (this.thanksTimer !== undefined) clearInterval(this.thanksTimer);
    this.thanksTimer = undefined;
  }
}
