import { TV_ROUTES, type BookingView, type TvCardShown, type TvRoute } from '@madoguchi/shared';
import { TypedEmitter, type DeviceChannel } from '@madoguchi/stb-bridge';

/** The part of the device channel the pushes use (a fake in tests). */
export type PushChannel = Pick<DeviceChannel, 'onServer'>;

export interface AssistRequest {
  route: TvRoute;
  officerName: string;
}

export interface OfficerPushesEvents {
  /** The card on screen changed (shown, replaced, dismissed). */
  card: [card: TvCardShown | null];
  /** Remote assist: an officer opens a screen on this TV. */
  navigate: [request: AssistRequest];
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

const text = (value: unknown): value is string => typeof value === 'string';

function isBooking(value: unknown): value is BookingView {
  return (
    isObject(value) &&
    text(value.id) &&
    text(value.startsAt) &&
    text(value.place) &&
    (value.status === 'booked' || value.status === 'cancelled')
  );
}

/** A card as pushed, checked at the boundary; null when it is not one this TV can show. */
export function readCard(value: unknown): TvCardShown | null {
  if (!isObject(value) || !text(value.cardId) || !text(value.from)) return null;
  switch (value.kind) {
    case 'text':
      return text(value.title) && text(value.body) ? (value as TvCardShown) : null;
    case 'image':
      return text(value.title) && text(value.image) && /^data:image\/(png|jpeg);base64,/.test(value.image)
        ? (value as TvCardShown)
        : null;
    case 'qr':
      return text(value.title) && text(value.content) && value.content !== '' ? (value as TvCardShown) : null;
    case 'booking':
      return isBooking(value.booking) ? (value as TvCardShown) : null;
    default:
      return null;
  }
}

export function readAssist(value: unknown): AssistRequest | null {
  if (!isObject(value) || !(TV_ROUTES as readonly unknown[]).includes(value.route)) return null;
  return { route: value.route as TvRoute, officerName: text(value.officerName) ? value.officerName : '' };
}

/**
 * What an officer in a call sends to this TV: cards (text, image, QR code, a booking) shown over
 * whatever is on screen until the viewer dismisses them, newest first; and remote assist, an
 * officer opening a screen. Keeps the cards not yet dismissed.
 */
export class OfficerPushes extends TypedEmitter<OfficerPushesEvents> {
  private queue: TvCardShown[] = [];
  private offs: (() => void)[] = [];

  constructor(private readonly channel: PushChannel) {
    super();
  }

  start(): void {
    this.offs.push(
      this.channel.onServer('tv:card', (value) => {
        const card = readCard(value);
        if (card) this.show(card);
      }),
      this.channel.onServer('tv:navigate', (value) => {
        const request = readAssist(value);
        if (request) this.safeEmit('navigate', request);
      }),
    );
  }

  stop(): void {
    for (const off of this.offs.splice(0)) off();
  }

  /** The card on screen: the newest not yet dismissed. */
  get card(): TvCardShown | null {
    return this.queue[this.queue.length - 1] ?? null;
  }

  /** Cards waiting under the one on screen. */
  get waiting(): number {
    return Math.max(0, this.queue.length - 1);
  }

  show(card: TvCardShown): void {
    // The same card again (a resend) replaces itself rather than stacking.
    this.queue = [...this.queue.filter((shown) => shown.cardId !== card.cardId), card];
    this.safeEmit('card', this.card);
  }

  /** Back or OK: the card on screen goes; the one under it (if any) shows. */
  dismiss(): void {
    if (this.queue.length === 0) return;
    this.queue = this.queue.slice(0, -1);
    this.safeEmit('card', this.card);
  }

  clear(): void {
    if (this.queue.length === 0) return;
    this.queue = [];
    this.safeEmit('card', null);
  }
}
