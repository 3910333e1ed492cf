import { epochMs, type WalletView } from '@madoguchi/shared';
import { ctx, shell } from '../services/runtime';
import type { ServiceScreenSpec, SpecContext } from '../services/serviceScreens';
import { PAY_WARN_BEFORE_MS, walletSpec, type PayCodeState, type WalletStep } from '../services/walletModel';
import type { WalletDetails } from '../testHook/screenDetails';
import { ServicePage } from './services/ServicePage';

/**
 * 地域通貨: the balance very large, recent history, coupons with their last day, and a QR code
 * to show at a shop that counts down and renews with OK (never a silent time-out: the last
 * seconds are said, and an expired code is taken off the screen).
 */
export class WalletPage extends ServicePage<'wallet', WalletStep, WalletView> {
  readonly route = 'wallet' as const;
  readonly service = 'wallet' as const;
  private pay: PayCodeState = { kind: 'loading' };
  private ticker: ReturnType<typeof setInterval> | undefined;
  private warned = false;
  private payToken = 0;

  protected firstStep(): WalletStep {
    return { step: 'main' };
  }

  protected fetch(citizenId: string | null): Promise<WalletView> {
    return ctx().services.wallet(citizenId ?? '');
  }

  protected stepSpec(context: SpecContext, data: WalletView): ServiceScreenSpec {
    return walletSpec(context, { step: this.step, wallet: data, page: this.listPage, pay: this.pay });
  }

  override details(): WalletDetails {
    const pay = this.pay;
    return {
      ...this.serviceDetails(),
      payCode: this.step.step === 'pay' && pay.kind === 'shown' ? pay.code : null,
      paySecondsLeft:
        this.step.step === 'pay' && pay.kind === 'shown'
          ? Math.max(0, Math.ceil((pay.expiresAt - epochMs(ctx().clock)) / 1000))
          : null,
    };
  }

  override _attach(): void {
    super._attach();
    this.ticker = setInterval(() => this.tick(), 1000);
  }

  override _detach(): void {
    super._detach();
    if (this.ticker !== undefined) clearInterval(this.ticker);
    this.ticker = undefined;
  }

  protected choose(id: string): void {
    switch (id) {
      case 'history':
      case 'coupons':
        this.forward({ step: id });
        return;
      case 'pay':
        this.forward({ step: 'pay' });
        void this.newPayCode();
        return;
      case 'renew':
        void this.newPayCode();
        return;
      default:
        if (id.startsWith('coupon:') || id.startsWith('transaction:'))
          ctx().announcer.focus(this.focusSpeech());
    }
  }

  private async newPayCode(): Promise<void> {
    const citizenId = this.citizenId;
    if (!citizenId || this.busy) return;
    const renewing = this.pay.kind === 'shown';
    const token = ++this.payToken;
    await this.perform(
      () => ctx().services.payCode(citizenId),
      (code) => {
        if (token !== this.payToken) return;
        this.pay = { kind: 'shown', code: code.code, expiresAt: Date.parse(code.expiresAt) };
        this.warned = false;
        if (renewing) shell().toast(ctx().t('tvApp.wallet.payRenewed'));
      },
      (code) => {
        if (token === this.payToken) this.pay = { kind: 'failed', code };
        return true;
      },
    );
  }

  /** Once a second on the QR screen: the countdown, the spoken warning, and the expiry. */
  private tick(): void {
    if (!this.attached || !this.visible || this.step.step !== 'pay' || this.pay.kind !== 'shown') return;
    const left = this.pay.expiresAt - epochMs(ctx().clock);
    if (left <= PAY_WARN_BEFORE_MS && left > 0 && !this.warned) {
      this.warned = true;
      ctx().announcer.notice(ctx().t('tvApp.wallet.payWarn'));
    }
    const expiredNow = left <= 0 && left > -1000;
    this.draw();
    shell().pageChanged();
    if (expiredNow)
      ctx().announcer.focus(`${ctx().t('tvApp.wallet.payExpired')} ${ctx().t('tvApp.wallet.payExpiredHow')}`);
  }

  protected override restart(): void {
    super.restart();
    this.pay = { kind: 'loading' };
    this.payToken++;
  }

  override _handleEnter(): boolean {
    // On the QR screen OK renews, whatever is focused (there is one choice).
    if (this.step.step === 'pay' && this.content.kind === 'loaded') {
      if (!this.busy && !this.settling()) void this.newPayCode();
      return true;
    }
    return super._handleEnter();
  }

  protected override stepBack(): boolean {
    if (this.step.step === 'pay') {
      this.payToken++;
      this.pay = { kind: 'loading' };
    }
    return super.stepBack();
  }
}
