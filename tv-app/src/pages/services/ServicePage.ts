import { epochMs, type ErrorCode } from '@madoguchi/shared';
import { ServiceScreen } from '../../components/ServiceScreen';
import { ServiceError, type ServiceKey } from '../../services/CityServices';
import type { HouseholdChange } from '../../services/Household';
import { speechOf } from '../../services/counterModel';
import { ConfirmedRequest } from '../../services/idempotency';
import { ctx, shell } from '../../services/runtime';
import { jstDate } from '../../services/serviceFormat';
import {
  PAGE_CHOICE,
  busySpec,
  line,
  loadingSpec,
  messageSpec,
  personMessage,
  serviceMessage,
  titleOf,
  type ServiceScreenSpec,
  type SpecContext,
} from '../../services/serviceScreens';
import type { ServiceDetails, ServiceRoute } from '../../testHook/screenDetails';
import { Page } from '../Page';

/** The service's data as the screen has it. */
export type LoadState<D> =
  | { kind: 'loading' }
  /** Nobody is using the TV: who is it, or sign in first. */
  | { kind: 'person' }
  | { kind: 'loaded'; data: D }
  | { kind: 'failed'; code: ErrorCode };

interface HistoryEntry<S> {
  step: S;
  focus: number;
  listPage: number;
}

/** After a request went through, OK and number keys are ignored this long. */
export const SETTLE_MS = 800;

export function codeOf(error: unknown): ErrorCode {
  return error instanceof ServiceError ? error.code : 'INTERNAL';
}

/** A choice's id as its kind and value: `slot:s1` → ['slot', 's1'], `send` → ['send', '']. */
export function splitChoiceId(id: string): [string, string] {
  const index = id.indexOf(':');
  return index < 0 ? [id, ''] : [id.slice(0, index), id.slice(index + 1)];
}

/**
 * One city service on one route, its steps inside (a list, one item, the steps of a booking):
 * Back and red go one step back, and out of the service from its first step. The data comes
 * from window-server; until it is there the screen says what it is loading, and a failure is
 * said in plain words with one button. A request is sent once: while it is under way the
 * choices go away.
 */
export abstract class ServicePage<R extends ServiceRoute, S extends { step: string }, D> extends Page<R> {
  abstract readonly service: Exclude<ServiceKey, 'home'>;
  /** The service is about one person (wallet, mutual aid, childcare); notices are for everyone. */
  protected readonly needsPerson: boolean = true;
  protected step!: S;
  protected content: LoadState<D> = { kind: 'loading' };
  protected focus = 0;
  protected dialogFocus = 0;
  protected listPage = 0;
  protected busy = false;
  /** One line about what just happened (an error on sending, 満員になりました). */
  protected notice: string | null = null;
  private history: HistoryEntry<S>[] = [];
  /** The confirmation screen on now (予約する, たのむ), with its Idempotency-Key. */
  protected confirmation: ConfirmedRequest | null = null;
  /** OK and number keys wait until then after a request went through (OK pressed twice). */
  private settleUntil = 0;
  private loadedFor: string | null | undefined;
  private loadToken = 0;
  private spoken: string | null = null;
  private offs: (() => void)[] = [];

  static override _template() {
    return { Screen: { type: ServiceScreen } };
  }

  protected abstract firstStep(): S;
  protected abstract fetch(citizenId: string | null): Promise<D>;
  /** The screen for the step on screen, with the data loaded. */
  protected abstract stepSpec(context: SpecContext, data: D): ServiceScreenSpec;
  /** A choice of the step on screen was picked (OK or its number). */
  protected abstract choose(id: string, data: D): void;

  /** A question over the screen was answered; `act` is the second (acting) answer. */
  protected answerDialog(_act: boolean): void {}

  protected closeDialog(): void {}

  /** Left/right on a step with pages: the list's page by default. */
  protected turnPage(delta: number): void {
    this.listPage += delta;
    this.focus = 0;
    this.pageTurned();
  }

  /** Another page of a list or a text: drawn, and said from its first line with where it is. */
  protected pageTurned(): void {
    this.draw();
    shell().pageChanged();
    const paging = this.spec().paging;
    const where = paging ? ctx().t('tvApp.services.pageSpeech', paging) : null;
    ctx().announcer.focus(speechOf([where, this.openingSpeech()]));
  }

  override _init(): void {
    this.step = this.firstStep();
  }

  override _attach(): void {
    this.offs.push(ctx().household.on('changed', (change) => this.onHousehold(change)));
    void this.reload();
  }

  override _detach(): void {
    for (const off of this.offs.splice(0)) off();
  }

  protected get citizenId(): string | null {
    return ctx().household.activeCitizenId;
  }

  title(): string {
    return this.spec().title;
  }

  // Loading -------------------------------------------------------------------------------------

  /** Loads (again). Data already on screen stays there while it is refreshed. */
  protected async reload(): Promise<void> {
    const citizenId = this.citizenId;
    const token = ++this.loadToken;
    if (this.needsPerson && citizenId === null) {
      this.content = { kind: 'person' };
      this.loadedFor = undefined;
      this.redraw();
      return;
    }
    if (this.loadedFor !== citizenId) {
      this.restart();
      this.content = { kind: 'loading' };
      this.redraw();
    }
    try {
      const data = await this.fetch(citizenId);
      if (token !== this.loadToken) return;
      this.content = { kind: 'loaded', data };
      this.loadedFor = citizenId;
    } catch (error) {
      if (token !== this.loadToken) return;
      // A refresh that fails leaves what was shown; a first load says why there is nothing.
      if (this.content.kind !== 'loaded') this.content = { kind: 'failed', code: codeOf(error) };
    }
    this.redraw();
  }

  /** Back to the service's first screen (another person is using the TV). */
  protected restart(): void {
    this.step = this.firstStep();
    this.history = [];
    this.focus = 0;
    this.listPage = 0;
    this.notice = null;
    this.confirmation = null;
    this.closeDialog();
  }

  private onHousehold(change: HouseholdChange): void {
    if (change.kind === 'consents' || change.kind === 'load') return;
    if (!this.attached) return;
    const citizenId = this.citizenId;
    const stale = this.content.kind === 'loaded' && this.loadedFor !== citizenId;
    if (stale || (this.content.kind === 'person' && citizenId !== null)) {
      if (this.visible) void this.reload();
      else this.loadedFor = undefined;
    }
  }

  override onShow(): void {
    // Back from the chooser, the consent screen or sign-in: what may be shown may have changed.
    void this.reload();
  }

  override onConnection(online: boolean): void {
    if (online && this.content.kind === 'failed') void this.reload();
  }

  // Steps -----------------------------------------------------------------------------------------

  protected forward(step: S): void {
    this.history.push({ step: this.step, focus: this.focus, listPage: this.listPage });
    this.show(step, 0, 0);
  }

  /** Replaces the step on screen (Back then skips it: a confirmation already sent). */
  protected replaceStep(step: S): void {
    this.show(step, 0, 0);
  }

  /** On to a confirmation screen ('confirm'), with a new key: a retry on that screen reuses it. */
  protected forwardToConfirm(step: S): void {
    this.confirmation = new ConfirmedRequest();
    this.forward(step);
  }

  /** Goes back to the nearest earlier step that passes `match`; if none, shows `fallback` alone. */
  protected backTo(match: (step: S) => boolean, fallback: S = this.firstStep()): void {
    while (this.history.length > 0) {
      const entry = this.history.pop()!;
      if (match(entry.step)) {
        this.show(entry.step, entry.focus, entry.listPage);
        return;
      }
    }
    this.show(fallback, 0, 0);
  }

  /** One step back; false on the first step (the app then leaves the service). */
  protected stepBack(): boolean {
    const entry = this.history.pop();
    if (!entry) return false;
    this.show(entry.step, entry.focus, entry.listPage);
    return true;
  }

  private show(step: S, focus: number, listPage: number): void {
    this.step = step;
    this.focus = focus;
    this.listPage = listPage;
    this.dialogFocus = 0;
    this.notice = null;
    this.redraw();
  }

  // Sending ---------------------------------------------------------------------------------------

  /**
   * One request at a time: the choices go away while it is under way; a failure is said on the
   * screen (unless `failed` deals with it) and the same choice can be tried again.
   */
  protected async perform<T>(
    send: () => Promise<T | undefined>,
    done: (value: T) => void,
    failed?: (code: ErrorCode) => boolean,
  ): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    this.notice = null;
    this.redraw();
    let outcome: { ok: true; value: T | undefined } | { ok: false; code: ErrorCode };
    try {
      outcome = { ok: true, value: await send() };
    } catch (error) {
      outcome = { ok: false, code: codeOf(error) };
    }
    this.busy = false;
    if (!this.attached) return;
    if (outcome.ok) {
      // A second OK pressed with the first must not choose on the screen that follows.
      this.settleUntil = epochMs(ctx().clock) + SETTLE_MS;
      if (outcome.value !== undefined) done(outcome.value);
      this.redraw();
      return;
    }
    if (!failed?.(outcome.code)) this.sayFailure(outcome.code);
    this.redraw();
  }

  /** A confirmation screen's request: once, with the screen's key, which a retry reuses. */
  protected sendConfirmed<T>(
    send: (key: string) => Promise<T>,
    done: (value: T) => void,
    failed?: (code: ErrorCode) => boolean,
  ): Promise<void> {
    this.confirmation ??= new ConfirmedRequest();
    const confirmation = this.confirmation;
    return this.perform(
      () => confirmation.run(send),
      (value) => {
        // It went through: a new confirmation screen gets a new key.
        this.confirmation = null;
        done(value);
      },
      failed,
    );
  }

  /** The key of the confirmation screen on now, for the test hook. */
  protected confirmationKey(): string | null {
    return this.step.step === 'confirm' ? (this.confirmation?.key ?? null) : null;
  }

  /** A failure as a line on the screen, said aloud. */
  protected sayFailure(code: ErrorCode): void {
    const message = serviceMessage(ctx().texts, this.service, code, ctx().household.members.length);
    this.notice = message.lines.join('\n');
    ctx().announcer.notice(speechOf(message.lines));
  }

  // The screen ------------------------------------------------------------------------------------

  protected specContext(): SpecContext {
    const context = ctx();
    const now = epochMs(context.clock);
    return {
      texts: context.texts,
      language: context.language,
      textScale: this.textScale,
      today: jstDate(now),
      now,
    };
  }

  spec(): ServiceScreenSpec {
    const context = this.specContext();
    const { texts } = context;
    const title = titleOf(texts, this.service);
    const state = this.content;
    switch (state.kind) {
      case 'loading':
        return loadingSpec(title, texts, this.service);
      case 'person':
        return messageSpec(title, personMessage(texts, this.service, ctx().household.members.length), texts);
      case 'failed':
        return messageSpec(
          title,
          serviceMessage(texts, this.service, state.code, ctx().household.members.length),
          texts,
        );
      case 'loaded': {
        const spec = this.stepSpec(context, state.data);
        if (this.notice) spec.lines.unshift(line(this.notice, 'notice'));
        return this.busy ? busySpec(spec, texts) : spec;
      }
    }
  }

  protected draw(): void {
    const spec = this.spec();
    this.focus = Math.min(this.focus, Math.max(0, spec.choices.length - 1));
    const context = ctx();
    (this.tag('Screen') as ServiceScreen).update({
      spec,
      w: this.frame.w,
      h: this.frame.h,
      focus: spec.dialog ? -1 : this.focus,
      dialogFocus: this.dialogFocus,
      scale: this.textScale,
      sizes: this.sizes,
      theme: context.theme,
      measure: context.measure,
    });
  }

  /** Draw again; a new screen (another step, loaded) is said from its title. */
  protected redraw(): void {
    if (!this.attached || !this.visible) return;
    this.draw();
    shell().pageChanged();
    const key = this.screenKey();
    const before = this.spoken;
    if (before === null) {
      this.spoken = key;
      return;
    }
    if (key === before) return;
    this.spoken = key;
    const screen = ctx().t('speech.screen', { title: this.title() });
    // Loaded: said after 「…を 読み込んでいます」 (and after 「係員が 画面を 操作しています」), not over it.
    if (before.startsWith('loading|')) ctx().announcer.notice(speechOf([screen, this.openingSpeech()]));
    else ctx().announcer.screen(screen, this.openingSpeech());
  }

  private screenKey(): string {
    return `${this.content.kind}|${this.step.step}|${this.title()}|${this.busy}`;
  }

  override focusIndex(): number {
    const spec = this.spec();
    if (spec.dialog) return this.dialogFocus;
    return spec.choices.length > 0 ? this.focus : -1;
  }

  override focusId(): string | null {
    const spec = this.spec();
    if (spec.dialog) return spec.dialog.choices[this.dialogFocus]?.id ?? null;
    return spec.choices[this.focus]?.id ?? null;
  }

  override focusSpeech(): string | null {
    const spec = this.spec();
    if (spec.dialog) return speechOf([spec.dialog.question, spec.dialog.choices[this.dialogFocus]?.label]);
    const choice = spec.choices[this.focus];
    if (!choice) return null;
    return choice.speech ?? speechOf([choice.label, choice.value]);
  }

  override openingSpeech(): string | null {
    const spec = this.spec();
    const lines = spec.lines
      .filter((screenLine) => screenLine.style !== 'note')
      .map((screenLine) => screenLine.text);
    return speechOf([...lines, this.focusSpeech()]) || null;
  }

  override visibleTexts(): string[] {
    const spec = this.spec();
    return [
      spec.title,
      ...spec.lines.map((screenLine) => screenLine.text),
      ...spec.choices.flatMap((choice) => (choice.value ? [choice.label, choice.value] : [choice.label])),
      ...(spec.hint ? [spec.hint] : []),
      ...(spec.dialog ? [spec.dialog.question, ...spec.dialog.choices.map((choice) => choice.label)] : []),
    ];
  }

  /** What every service screen tells the test hook; each page adds its own. */
  protected serviceDetails(): ServiceDetails<S['step']> {
    const spec = this.spec();
    return {
      step: this.step.step,
      loadState: this.content.kind,
      busy: this.busy,
      settling: this.settling(),
      notice: this.notice,
      dialog: spec.dialog !== null,
      choices: spec.choices.map((choice) => choice.id),
      paging: spec.paging,
      qrShown: (this.tag('Screen') as ServiceScreen).qrShown,
    };
  }

  // Keys ------------------------------------------------------------------------------------------

  private moveFocus(index: number): boolean {
    const spec = this.spec();
    if (spec.dialog || index < 0 || index >= spec.choices.length || index === this.focus) return true;
    this.focus = index;
    this.focusMoved();
    return true;
  }

  override _handleUp(): boolean {
    return this.moveFocus(this.focus - 1);
  }

  override _handleDown(): boolean {
    return this.moveFocus(this.focus + 1);
  }

  private sideways(delta: 1 | -1): boolean {
    const spec = this.spec();
    if (spec.dialog) {
      const next = this.dialogFocus + delta;
      if (next >= 0 && next < spec.dialog.choices.length) {
        this.dialogFocus = next;
        this.focusMoved();
      }
      return true;
    }
    if (spec.paging && !this.busy) this.turnPage(delta);
    return true;
  }

  override _handleLeft(): boolean {
    return this.sideways(-1);
  }

  override _handleRight(): boolean {
    return this.sideways(1);
  }

  protected settling(): boolean {
    return epochMs(ctx().clock) < this.settleUntil;
  }

  override _handleEnter(): boolean {
    if (this.settling()) return true;
    const spec = this.spec();
    if (spec.dialog) {
      const answer = spec.dialog.choices[this.dialogFocus]?.id;
      this.answerDialog(answer === 'dialog:act');
      return true;
    }
    const choice = spec.choices[this.focus];
    if (choice) this.pick(choice.id);
    else if (this.busy) ctx().announcer.focus(ctx().t('tvApp.services.busy'));
    return true;
  }

  protected override onDigit(digit: number): boolean {
    const spec = this.spec();
    if (spec.dialog || this.busy || this.settling()) return true;
    const choice = spec.numbered || spec.choices.length === 1 ? spec.choices[digit - 1] : undefined;
    if (!choice) return true;
    this.focus = digit - 1;
    this.draw();
    this.pick(choice.id);
    return true;
  }

  /** Back and red: close the question, or one step back, or (first step) leave the service. */
  override _handleBack(): boolean {
    if (this.spec().dialog) {
      this.closeDialog();
      this.focusMoved();
      return true;
    }
    if (this.busy) {
      ctx().announcer.focus(ctx().t('tvApp.services.busy'));
      return true;
    }
    return this.content.kind === 'loaded' ? this.stepBack() : false;
  }

  _handleRed(): boolean {
    return this._handleBack();
  }

  private pick(id: string): void {
    if (this.busy) return;
    if (id === PAGE_CHOICE) {
      this.turnPage(1);
      return;
    }
    if (id.startsWith('error:')) {
      this.errorAction(id.slice('error:'.length));
      return;
    }
    if (id === 'back') {
      if (!this.stepBack()) shell().back();
      return;
    }
    if (id === 'home') {
      shell().reset('home');
      return;
    }
    if (this.content.kind === 'loaded') this.choose(id, this.content.data);
  }

  private errorAction(action: string): void {
    const citizenId = this.citizenId;
    switch (action) {
      case 'choosePerson':
        shell().open('chooser');
        return;
      case 'signIn':
        shell().open('link');
        return;
      case 'consent':
        if (citizenId) shell().open('consent', { citizenId });
        return;
      case 'back':
        if (!this.stepBack()) shell().back();
        return;
      default:
        this.content = { kind: 'loading' };
        this.redraw();
        void this.reload();
    }
  }
}
