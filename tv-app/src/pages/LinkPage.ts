import { Lightning } from '@lightningjs/sdk';
import { epochMs } from '@madoguchi/shared';
import { Button } from '../components/Button';
import { textSettings } from '../components/card';
import type { SignInEvent, SignInSnapshot } from '../services/DeviceSignIn';
import { speechOf } from '../services/counterModel';
import { ctx, shell } from '../services/runtime';
import { WARN_BEFORE_MS, countdownText, displayUserCode, spellUserCode } from '../services/signInModel';
import { FOCUS_MARGIN, wrapLines } from '../ui/layout';
import { qrImage } from '../ui/qrImage';
import type { LinkDetails } from '../testHook/screenDetails';
import { Page } from './Page';

const COLUMN_GAP = 64;
const BLOCK_GAP = 28;

/** One sentence a line: the greeting's name stands on its own line. */
function sentencePerLine(text: string): string {
  return text.replace(/([。.!?！？]) ?(?=\S)/g, '$1\n');
}

/**
 * スマートフォンで 登録: a QR code of the sign-in address and the code very large, with the
 * time left counting down; the code renews by itself when it expires. On approval the person
 * is greeted by name, on screen and aloud. The green key reaches an officer, who can register
 * someone without a phone during a video call.
 */
export class LinkPage extends Page<'link'> {
  readonly route = 'link' as const;
  private signInOff: (() => void) | undefined;
  private ticker: ReturnType<typeof setInterval> | undefined;
  /** The address the QR image on screen encodes, and at what largest size. */
  private qrFor: string | null = null;
  private qrKey: string | null = null;
  private qrSize = 0;
  /** The "OK for a new code" line fits under the code (it gives way to the code at large text). */
  private hintShown = true;

  static override _template(): Lightning.Component.Template {
    return {
      Qr: { Image: {}, Placeholder: {} },
      Instructions: {},
      CodeBox: { Frame: {}, Code: {} },
      Countdown: {},
      RenewHint: {},
      StaffHelp: {},
      Message: {},
      Action: { type: Button },
    };
  }

  title(): string {
    return ctx().t('tvApp.link.title');
  }

  private get snap(): SignInSnapshot {
    return ctx().signIn.snapshot;
  }

  override _attach(): void {
    const { signIn } = ctx();
    this.signInOff = signIn.on('changed', (event) => this.onSignIn(event));
    if (!signIn.active) signIn.start();
    this.ticker = setInterval(() => this.tick(), 1000);
  }

  override _detach(): void {
    this.signInOff?.();
    this.signInOff = undefined;
    if (this.ticker !== undefined) clearInterval(this.ticker);
    this.ticker = undefined;
    ctx().signIn.stop();
  }

  // What is shown and said ------------------------------------------------------------------------

  private instructions(): string {
    return ctx().t('tvApp.link.instructions', { uri: this.snap.verificationUri ?? '' });
  }

  private remaining(): string {
    const { expiresAt } = this.snap;
    return expiresAt === null ? '' : countdownText(ctx().texts, expiresAt - epochMs(ctx().clock));
  }

  private codeSpeech(): string {
    const code = this.snap.userCode ?? '';
    return ctx().t('tvApp.link.codeSpeech', { code: spellUserCode(ctx().texts, code, ctx().language) });
  }

  /** The one big message of a state without a code (requesting, approved, denied, error). */
  private message(): string | null {
    const { state, requesting, greetedName } = this.snap;
    const { texts } = ctx();
    if (state === 'approved') return texts.t('tvApp.link.greeting', { name: greetedName ?? '' });
    if (state === 'denied') return texts.t('tvApp.link.denied');
    if (state === 'error') return texts.t('tvApp.link.failed');
    if (requesting && state !== 'expired') return texts.t('tvApp.link.requesting');
    return null;
  }

  private actionLabel(): string | null {
    const { state } = this.snap;
    if (state === 'approved') return ctx().t('tvApp.link.next');
    if (state === 'denied') return ctx().t('tvApp.link.retry');
    if (state === 'error') return ctx().t('tvApp.retry');
    return null;
  }

  private showsCode(): boolean {
    const { state, userCode } = this.snap;
    return (state === 'showing' || state === 'expired') && userCode !== null;
  }

  override focusIndex(): number {
    return this.actionLabel() ? 0 : -1;
  }

  override focusId(): string | null {
    const { state } = this.snap;
    if (state === 'approved') return 'next';
    if (state === 'denied' || state === 'error') return 'retry';
    return null;
  }

  override focusSpeech(): string | null {
    const { texts } = ctx();
    if (this.showsCode()) {
      if (this.snap.state === 'expired') return texts.t('tvApp.link.expired');
      return speechOf([this.codeSpeech(), this.remaining(), texts.t('tvApp.link.renewHint')]);
    }
    return speechOf([this.message(), this.actionLabel()]) || null;
  }

  override openingSpeech(): string | null {
    if (!this.showsCode()) return this.focusSpeech();
    return speechOf([ctx().t('tvApp.link.instructionsSpeech'), this.focusSpeech()]);
  }

  override visibleTexts(): string[] {
    const { texts } = ctx();
    if (!this.showsCode()) {
      return [this.title(), this.message(), this.actionLabel()].filter((text): text is string => !!text);
    }
    return [
      this.title(),
      this.instructions(),
      displayUserCode(this.snap.userCode ?? ''),
      this.snap.state === 'expired' ? texts.t('tvApp.link.expired') : this.remaining(),
      ...(this.hintShown && this.snap.state !== 'expired' ? [texts.t('tvApp.link.renewHint')] : []),
      texts.t('tvApp.link.staffHelp'),
    ];
  }

  override details(): LinkDetails {
    const { state, expiresAt, intervalMs, codes } = this.snap;
    return {
      state,
      secondsLeft:
        expiresAt === null ? null : Math.max(0, Math.ceil((expiresAt - epochMs(ctx().clock)) / 1000)),
      intervalMs,
      codes,
      qrShown: this.qrSize > 0 && this.qrFor === this.snap.verificationUriComplete,
    };
  }

  // Events --------------------------------------------------------------------------------------

  private onSignIn(event: SignInEvent): void {
    if (!this.attached) return;
    const { announcer, texts, household } = ctx();
    // Approved while the video counter is over this screen: the person is linked all the same.
    if (event.kind === 'approved') household.signedIn(event.citizen);
    // Hidden (the video counter is on): nothing is said over it; Back shows and says the result.
    if (!this.visible) return;
    this.redraw();
    switch (event.kind) {
      case 'code':
        if (event.renewed) announcer.notice(speechOf([texts.t('tvApp.link.renewed'), this.codeSpeech()]));
        else announcer.focus(this.openingSpeech());
        return;
      case 'warn':
        announcer.notice(texts.t('tvApp.link.oneMinute'));
        return;
      case 'expired':
        announcer.notice(texts.t('tvApp.link.expired'));
        return;
      case 'approved':
        announcer.screen(
          texts.t('tvApp.link.greeting', { name: event.citizen.displayName }),
          this.actionLabel(),
        );
        return;
      case 'denied':
      case 'failed':
        announcer.focus(this.focusSpeech());
        return;
      default:
        return;
    }
  }

  /** The last minute is shown in the focus colour as well as said (no silent time-outs). */
  private lastMinute(): boolean {
    const { expiresAt } = this.snap;
    return expiresAt !== null && expiresAt - epochMs(ctx().clock) <= WARN_BEFORE_MS;
  }

  private tick(): void {
    if (!this.attached || !this.visible || this.snap.state !== 'showing') return;
    const colour = this.lastMinute() ? ctx().theme.focus : ctx().theme.text;
    this.patch({ Countdown: { text: { text: this.remaining(), textColor: colour } } });
  }

  private redraw(): void {
    if (!this.attached || !this.visible) return;
    this.draw();
    shell().pageChanged();
  }

  override onShow(): void {
    if (!ctx().signIn.active && this.snap.state === 'idle') ctx().signIn.start();
  }

  override onConnection(online: boolean): void {
    if (online && this.snap.state === 'error') ctx().signIn.renew();
  }

  // Drawing -------------------------------------------------------------------------------------

  protected draw(): void {
    const showsCode = this.showsCode();
    this.drawCode(showsCode);
    this.drawMessage(showsCode);
  }

  private drawCode(visible: boolean): void {
    const { w, h } = this.frame;
    const { theme, measure, texts } = ctx();
    const sizes = this.sizes;
    const snap = this.snap;
    const expired = snap.state === 'expired';
    for (const tag of ['Qr', 'Instructions', 'CodeBox', 'Countdown', 'RenewHint', 'StaffHelp']) {
      this.tag(tag)!.visible = visible;
    }
    if (!visible) return;
    const { body, small } = sizes;
    const bodyLine = Math.round(body * 1.35);
    const smallLine = Math.round(small * 1.35);

    // Without a phone at hand: an officer registers the person during a video call. Full width
    // along the bottom, so it never runs into the legend whatever the text size.
    const staffHelp = texts.t('tvApp.link.staffHelp');
    const staffH = wrapLines(staffHelp, w, small, true, measure).length * smallLine;
    const areaH = h - staffH - BLOCK_GAP;
    this.patch({
      StaffHelp: {
        x: 0,
        y: h - staffH,
        text: textSettings({
          text: staffHelp,
          fontSize: small,
          colour: theme.text,
          bold: true,
          wrapWidth: w,
          lineHeight: smallLine,
        }),
      },
    });

    // The QR code as large as the screen allows beside readable text; smaller with larger text.
    const qrMax = Math.min(areaH - 2 * FOCUS_MARGIN, Math.round(w * (this.textScale === 1 ? 0.36 : 0.3)));
    const uri = snap.verificationUriComplete ?? '';
    if (`${uri}|${qrMax}` !== this.qrKey) this.makeQr(uri, qrMax);
    const qrSize = this.qrSize || qrMax;
    // An expired code's QR code is taken away: nobody should scan a code that no longer works.
    this.patch({
      Qr: {
        x: 0,
        y: FOCUS_MARGIN,
        Image: { visible: this.qrSize > 0 && !expired },
        Placeholder: {
          visible: this.qrSize === 0 || expired,
          texture: Lightning.Tools.getRoundRect(qrSize, qrSize, 16, 0, 0, true, theme.surface),
        },
      },
    });

    const x = qrSize + COLUMN_GAP;
    const colW = w - x;
    const instructions = this.instructions();
    const instructionsH = wrapLines(instructions, colW, body, false, measure).length * bodyLine;
    const countdown = expired ? texts.t('tvApp.link.expired') : this.remaining();
    const countdownH = wrapLines(countdown, colW, body, true, measure).length * bodyLine;
    const code = displayUserCode(snap.userCode ?? '');
    const pad = Math.round(body * 0.8);
    const codeWidth = (size: number) => measure(code, size, true);
    // The code as large as fits the column's width and what is left of its height; the key hint
    // gives way before the code gets small (it is said aloud too).
    const codeSizeFor = (hintH: number) => {
      const left = areaH - FOCUS_MARGIN - instructionsH - countdownH - hintH - 3 * BLOCK_GAP - 8;
      const byHeight = Math.floor((left - pad) / 1.35);
      const preferred = Math.round(sizes.title * 2);
      const byWidth = Math.floor((preferred * (colW - 2 * pad - 16)) / codeWidth(preferred));
      return Math.min(preferred, byWidth, byHeight);
    };
    let showHint = !expired;
    let codeSize = codeSizeFor(showHint ? smallLine : 0);
    if (showHint && codeSize < Math.round(sizes.title * 1.5)) {
      showHint = false;
      codeSize = codeSizeFor(0);
    }
    this.hintShown = showHint;
    const boxW = Math.min(colW - 16, Math.round(codeWidth(codeSize) + 2 * pad));
    const boxH = Math.round(codeSize * 1.35 + pad);

    let y = FOCUS_MARGIN;
    this.patch({
      Instructions: {
        x,
        y,
        text: textSettings({
          text: instructions,
          fontSize: body,
          colour: theme.text,
          wrapWidth: colW,
          lineHeight: bodyLine,
        }),
      },
    });
    y += instructionsH + BLOCK_GAP;
    this.patch({
      CodeBox: {
        x: x + 8,
        y,
        alpha: expired ? 0.3 : 1,
        Frame: {
          texture: Lightning.Tools.getRoundRect(boxW, boxH, 20, 6, theme.focus, true, theme.surface),
        },
        Code: {
          x: boxW / 2,
          y: boxH / 2,
          mount: 0.5,
          // No letter spacing and no fixed texture width: Lightning stretches a fixed width when
          // the stage is not 1080p, and the code then overflowed its box.
          text: textSettings({ text: code, fontSize: codeSize, colour: theme.text, bold: true, lines: 1 }),
        },
      },
    });
    y += boxH + BLOCK_GAP;
    this.patch({
      Countdown: {
        x,
        y,
        text: textSettings({
          text: countdown,
          fontSize: body,
          colour: expired || this.lastMinute() ? theme.focus : theme.text,
          bold: true,
          wrapWidth: colW,
          lineHeight: bodyLine,
        }),
      },
    });
    y += countdownH + 8;
    this.patch({
      RenewHint: {
        visible: showHint,
        x,
        y,
        text: textSettings({
          text: texts.t('tvApp.link.renewHint'),
          fontSize: small,
          colour: theme.text,
          wrapWidth: colW,
          lineHeight: smallLine,
          maxLines: 1,
        }),
      },
    });
  }

  private makeQr(uri: string, maxPx: number): void {
    this.qrFor = uri;
    this.qrKey = `${uri}|${maxPx}`;
    this.qrSize = 0;
    this.tag('Qr.Image')!.patch({ visible: false });
    if (!uri) return;
    qrImage(uri, maxPx).then(
      (image) => {
        if (this.qrKey !== `${uri}|${maxPx}`) return;
        this.qrSize = image.size;
        this.tag('Qr.Image')!.patch({ visible: true, src: image.src, w: image.size, h: image.size });
        this.redraw();
      },
      (error: unknown) => console.error('the QR code could not be drawn', error),
    );
  }

  private drawMessage(showsCode: boolean): void {
    const approved = this.snap.state === 'approved';
    const plain = showsCode ? null : this.message();
    const message = plain && approved ? sentencePerLine(plain) : plain;
    const action = showsCode ? null : this.actionLabel();
    const { w, h } = this.frame;
    const { theme, measure } = ctx();
    const sizes = this.sizes;
    this.tag('Message')!.visible = message !== null;
    const button = this.tag('Action') as Button;
    button.visible = action !== null;
    if (!message) return;
    // The greeting is the moment of the screen: larger than a title.
    const fontSize = approved ? Math.round(sizes.title * 1.2) : sizes.tile;
    const lineHeight = Math.round(fontSize * 1.4);
    const textW = w - 2 * FOCUS_MARGIN - 80;
    const lines = wrapLines(message, textW, fontSize, true, measure).length;
    const buttonH = Math.round(sizes.tile * 2.2);
    const blockH = lines * lineHeight + (action ? 64 + buttonH : 0);
    const top = Math.max(FOCUS_MARGIN, Math.round((h - blockH) / 2) - 40);
    this.patch({
      Message: {
        x: w / 2,
        y: top,
        mountX: 0.5,
        text: textSettings({
          text: message,
          fontSize,
          colour: approved ? theme.focus : theme.text,
          bold: true,
          wrapWidth: textW,
          lineHeight,
          align: 'center',
        }),
      },
    });
    if (!action) return;
    const buttonW = Math.min(
      textW,
      Math.round(Math.max(measure(action, sizes.tile, true) + 4 * sizes.tile, 640)),
    );
    button.patch({ x: Math.round((w - buttonW) / 2), y: top + lines * lineHeight + 64 });
    button.update({
      label: action,
      w: buttonW,
      h: buttonH,
      fontSize: sizes.tile,
      focused: true,
      enabled: true,
      theme,
    });
  }

  // Keys ----------------------------------------------------------------------------------------

  override _handleEnter(): boolean {
    const { signIn } = ctx();
    const { state, citizen } = this.snap;
    if (state === 'showing') signIn.renew();
    else if (state === 'approved' && citizen) shell().replace('consent', { citizenId: citizen.citizenId });
    else if (state === 'denied' || state === 'error') signIn.start();
    return true;
  }
}
