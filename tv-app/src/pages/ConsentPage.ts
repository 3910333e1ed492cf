import { CONSENT_PURPOSES, type ConsentPurpose } from '@madoguchi/shared';
import type { HouseholdChange } from '../services/Household';
import { speechOf } from '../services/counterModel';
import { ctx, shell } from '../services/runtime';
import type { ConsentDetails, ConsentLoadState } from '../testHook/screenDetails';
import type { ListItem } from './ListPage';
import { MemberPage } from './MemberPage';

/**
 * What one person allows, one purpose per row in plain words. OK (or left/right) switches it;
 * the change is said on screen and aloud at once. A change from the phone shows at once too.
 */
export class ConsentPage extends MemberPage<'consent'> {
  readonly route = 'consent' as const;
  protected readonly titleKey = 'tvApp.consentScreen.title';
  private loadState: ConsentLoadState = 'loading';
  private busy = false;

  override _attach(): void {
    super._attach();
    void this.load();
  }

  private consents() {
    return ctx().household.consentsOf(this.citizenId);
  }

  protected items(): ListItem[] {
    const { texts } = ctx();
    const done = { id: 'done', label: texts.t('tvApp.consentScreen.done'), bold: true };
    const consents = this.consents();
    if (!this.member() || !consents) return [done];
    const rows = consents.map((consent) => {
      const label = texts.t(`consent.purpose.${consent.purpose}`);
      // The ● ○ are for the eye only: a voice would read them out as marks.
      const spoken = texts.t(consent.granted ? 'consent.granted' : 'consent.notGranted');
      return {
        id: consent.purpose,
        label,
        value: this.valueText(consent.granted),
        arrows: false,
        speech: texts.t('speech.selected', { label, value: spoken }),
      };
    });
    return [...rows, done];
  }

  /** ● granted / ○ not granted: the shape tells them apart, not only the words. */
  private valueText(granted: boolean): string {
    return `${granted ? '●' : '○'} ${ctx().t(granted ? 'consent.granted' : 'consent.notGranted')}`;
  }

  protected override labelShare(): number {
    return 0.6;
  }

  protected override lead(): string {
    const { texts } = ctx();
    if (!this.member()) return texts.t('tvApp.household.gone');
    if (!this.consents()) {
      return texts.t(
        this.loadState === 'failed' ? 'tvApp.consentScreen.loadFailed' : 'tvApp.consentScreen.loading',
      );
    }
    return texts.t('tvApp.consentScreen.lead');
  }

  protected override hint(): string | null {
    return this.consents() && this.member() ? ctx().t('tvApp.consentScreen.hint') : null;
  }

  override details(): ConsentDetails {
    return {
      citizenId: this.citizenId,
      consents: this.consents() ?? null,
      loadState: this.loadState,
      busy: this.busy,
    };
  }

  override onShow(): void {
    void this.load();
  }

  override onConnection(online: boolean): void {
    if (online) void this.load();
  }

  private async load(): Promise<void> {
    if (!this.member()) return;
    const first = !this.consents();
    if (first) this.loadState = 'loading';
    try {
      await ctx().household.loadConsents(this.citizenId);
      this.loadState = 'loaded';
    } catch {
      if (!this.consents()) this.loadState = 'failed';
    }
    this.redraw();
    // The screen opened saying "loading": now say what it shows.
    if (first && this.attached && this.visible) ctx().announcer.focus(this.openingSpeech());
  }

  private redraw(): void {
    if (!this.attached || !this.visible) return;
    this.draw();
    shell().pageChanged();
  }

  protected onHousehold(change: HouseholdChange): void {
    if (!this.attached || !this.visible) return;
    if (change.kind === 'consents' && change.citizenId === this.citizenId) {
      this.redraw();
      if (change.remote && !this.busy) shell().toast(ctx().t('tvApp.consentScreen.changedElsewhere'));
      return;
    }
    if (change.kind === 'members' && change.removed.some((member) => member.citizenId === this.citizenId)) {
      this.redraw();
      ctx().announcer.focus(speechOf([this.lead(), this.focusSpeech()]));
      return;
    }
    if (change.kind === 'members') this.redraw();
  }

  private async toggle(purpose: ConsentPurpose): Promise<void> {
    const consent = this.consents()?.find((candidate) => candidate.purpose === purpose);
    if (!consent || this.busy) return;
    const granted = !consent.granted;
    const label = ctx().t(`consent.purpose.${purpose}`);
    this.busy = true;
    try {
      await ctx().household.setConsent(this.citizenId, purpose, granted);
      this.redraw();
      // Short on screen (the row shows the new state), the whole sentence aloud.
      shell().toast(
        ctx().t(granted ? 'tvApp.consentScreen.toastGranted' : 'tvApp.consentScreen.toastRevoked'),
        false,
        ctx().t(granted ? 'tvApp.consentScreen.nowGranted' : 'tvApp.consentScreen.nowRevoked', {
          purpose: label,
        }),
      );
    } catch {
      shell().toast(ctx().t('tvApp.consentScreen.failed'), true);
    } finally {
      this.busy = false;
    }
  }

  private focusedPurpose(): ConsentPurpose | undefined {
    const id = this.items()[this.focus]?.id;
    return id && (CONSENT_PURPOSES as readonly string[]).includes(id) ? (id as ConsentPurpose) : undefined;
  }

  override _handleEnter(): boolean {
    const purpose = this.focusedPurpose();
    if (purpose) void this.toggle(purpose);
    else shell().back();
    return true;
  }

  // Two values: left and right switch too, as on the Settings screen.
  override _handleLeft(): boolean {
    const purpose = this.focusedPurpose();
    if (purpose) void this.toggle(purpose);
    return true;
  }

  override _handleRight(): boolean {
    return this._handleLeft();
  }
}
