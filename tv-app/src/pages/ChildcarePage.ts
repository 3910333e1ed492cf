import { epochMs, errorKey, type BookingView, type ChildcareView, type ErrorCode } from '@madoguchi/shared';
import {
  childcareSpec,
  slotRange,
  type BookFlow,
  type ChildcareStep,
  type SlotsState,
} from '../services/childcareModel';
import { ctx, shell } from '../services/runtime';
import { charsPerTextPage, jstDate, textPages } from '../services/serviceFormat';
import type { ServiceScreenSpec, SpecContext } from '../services/serviceScreens';
import type { ChildcareDetails } from '../testHook/screenDetails';
import { ServicePage, codeOf, splitChoiceId } from './services/ServicePage';

const isBookings = (step: ChildcareStep) => step.step === 'bookings';

/**
 * 子育て: each child with their age and the information for it; 母子健康相談 bookings — book
 * (day → time → confirm), change (the same steps), cancel (asked first) — and a confirmation
 * screen after booking. Opened from Home's reminder, it starts at that booking.
 */
export class ChildcarePage extends ServicePage<'childcare', ChildcareStep, ChildcareView> {
  readonly route = 'childcare' as const;
  readonly service = 'childcare' as const;
  private slots: SlotsState = { kind: 'loading' };
  private slotsToken = 0;
  private cancelling: string | null = null;

  protected firstStep(): ChildcareStep {
    const bookingId = this.routeParams.bookingId;
    return bookingId ? { step: 'booking', bookingId } : { step: 'main' };
  }

  protected fetch(citizenId: string | null): Promise<ChildcareView> {
    return ctx().services.childcare(citizenId ?? '');
  }

  protected stepSpec(context: SpecContext, data: ChildcareView): ServiceScreenSpec {
    return childcareSpec(context, {
      step: this.step,
      data,
      page: this.listPage,
      slots: this.slots,
      cancelling: this.cancelling,
    });
  }

  override details(): ChildcareDetails {
    const step = this.step;
    return {
      ...this.serviceDetails(),
      slotsState: this.slots.kind,
      date: step.step === 'time' ? step.date : null,
      selectedSlot: step.step === 'confirm' ? step.slot.id : null,
      flow: 'flow' in step ? step.flow.kind : null,
      bookingId: step.step === 'booking' ? step.bookingId : step.step === 'booked' ? step.booking.id : null,
      childId: step.step === 'child' || step.step === 'card' ? step.childId : null,
      idempotencyKey: this.confirmationKey(),
    };
  }

  protected override closeDialog(): void {
    this.cancelling = null;
  }

  protected override restart(): void {
    super.restart();
    this.slots = { kind: 'loading' };
  }

  protected override turnPage(delta: number): void {
    const step = this.step;
    if (step.step !== 'card' || this.content.kind !== 'loaded') {
      super.turnPage(delta);
      return;
    }
    const card = this.content.data.children
      .find((child) => child.id === step.childId)
      ?.cards.find((candidate) => candidate.id === step.cardId);
    const pages = card ? textPages(card.body, charsPerTextPage(this.textScale)).length : 1;
    this.step = { ...step, textPage: (step.textPage + delta + pages) % pages };
    this.focus = 0;
    this.pageTurned();
  }

  protected choose(id: string, data: ChildcareView): void {
    const step = this.step;
    const [kind, value] = splitChoiceId(id);
    switch (kind) {
      case 'child':
        this.forward({ step: 'child', childId: value });
        return;
      case 'card':
        if (value === 'following' && step.step === 'card') this.nextCard(data, step.childId, step.cardId);
        else if (step.step === 'child')
          this.forward({ step: 'card', childId: step.childId, cardId: value, textPage: 0 });
        return;
      case 'text':
        this.turnPage(1);
        return;
      case 'bookings':
        if (step.step === 'booked') this.backTo(isBookings, { step: 'bookings' });
        else this.forward({ step: 'bookings' });
        return;
      case 'booking':
        this.forward({ step: 'booking', bookingId: value });
        return;
      case 'book':
        if (data.children.length >= 2) this.forward({ step: 'whichChild' });
        else this.startBooking({ kind: 'new', childId: data.children[0]?.id ?? null });
        return;
      case 'for':
        this.startBooking({ kind: 'new', childId: value === 'none' ? null : value });
        return;
      case 'change':
        if (step.step === 'booking') this.startBooking({ kind: 'change', bookingId: step.bookingId });
        return;
      case 'cancel':
        if (step.step === 'booking') {
          this.cancelling = step.bookingId;
          this.dialogFocus = 0;
          this.focusMoved();
        }
        return;
      case 'slots':
        void this.loadSlots();
        return;
      case 'date':
        if (step.step === 'date') this.forward({ step: 'time', flow: step.flow, date: value });
        return;
      case 'slot': {
        const slot =
          this.slots.kind === 'loaded'
            ? this.slots.slots.find((candidate) => candidate.id === value)
            : undefined;
        if (slot && step.step === 'time') this.forwardToConfirm({ step: 'confirm', flow: step.flow, slot });
        return;
      }
      case 'confirm':
        void this.send();
        return;
      default:
        return;
    }
  }

  private nextCard(data: ChildcareView, childId: string, cardId: string): void {
    const cards = data.children.find((child) => child.id === childId)?.cards ?? [];
    const index = cards.findIndex((card) => card.id === cardId);
    const next = cards[index + 1];
    if (next) this.replaceStep({ step: 'card', childId, cardId: next.id, textPage: 0 });
  }

  private startBooking(flow: BookFlow): void {
    this.forward({ step: 'date', flow });
    void this.loadSlots();
  }

  private async loadSlots(): Promise<void> {
    const citizenId = this.citizenId;
    if (!citizenId) return;
    const token = ++this.slotsToken;
    this.slots = { kind: 'loading' };
    this.redraw();
    const { from, to } = slotRange(jstDate(epochMs(ctx().clock)));
    try {
      const slots = await ctx().services.slots(citizenId, from, to);
      if (token === this.slotsToken) this.slots = { kind: 'loaded', slots };
    } catch (error) {
      if (token === this.slotsToken) this.slots = { kind: 'failed', code: codeOf(error) };
    }
    this.redraw();
  }

  /** 予約する / 変える: once per confirmation screen, with its key; a retry reuses it. */
  private async send(): Promise<void> {
    const step = this.step;
    const citizenId = this.citizenId;
    if (step.step !== 'confirm' || !citizenId) return;
    const { services } = ctx();
    const { flow, slot } = step;
    await this.sendConfirmed<BookingView>(
      (key) =>
        flow.kind === 'new'
          ? services.book({ citizenId, slotId: slot.id, childId: flow.childId }, key)
          : services.changeBooking(flow.bookingId, { citizenId, slotId: slot.id }, key),
      (booking) => {
        this.backTo(isBookings, { step: 'bookings' });
        this.forward({ step: 'booked', booking, changed: flow.kind === 'change' });
        void this.reload();
      },
      (code) => this.bookingRefused(code),
    );
  }

  /** Full or already booked: back to where the viewer can choose again, saying why. */
  private bookingRefused(code: ErrorCode): boolean {
    if (code === 'SLOT_FULL') {
      this.confirmation = null;
      this.backTo((earlier) => earlier.step === 'time');
      this.notice = ctx().t(errorKey(code));
      ctx().announcer.notice(this.notice);
      void this.loadSlots();
      return true;
    }
    if (code === 'ALREADY_BOOKED') {
      this.confirmation = null;
      this.backTo(isBookings, { step: 'bookings' });
      this.notice = ctx().t(errorKey(code));
      ctx().announcer.notice(this.notice);
      void this.reload();
      return true;
    }
    return false;
  }

  protected override answerDialog(act: boolean): void {
    const bookingId = this.cancelling;
    const citizenId = this.citizenId;
    this.cancelling = null;
    if (!act || !bookingId || !citizenId) {
      this.focusMoved();
      return;
    }
    void this.perform(
      () => ctx().services.cancelBooking(bookingId, citizenId),
      () => {
        shell().toast(ctx().t('tvApp.childcare.cancelDone'));
        this.backTo(isBookings, { step: 'bookings' });
        void this.reload();
      },
    );
  }
}
