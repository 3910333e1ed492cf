import { hoursLines, type HoursState } from '../services/hoursModel';
import { ctx, shell } from '../services/runtime';
import type { HoursDetails } from '../testHook/screenDetails';
import { ListPage, type ListItem } from './ListPage';

/** Whether the counter is open, when it opens next, the coming days, and the phone number. */
export class HoursPage extends ListPage<'hours'> {
  readonly route = 'hours' as const;
  private hours: HoursState = { kind: 'loading' };
  private loading = false;

  title(): string {
    return ctx().t('hours.title');
  }

  override _init(): void {
    void this.load();
  }

  override details(): HoursDetails {
    return { hours: this.hours.kind };
  }

  protected items(): ListItem[] {
    const tenant = ctx().tenant;
    if (!tenant) return [];
    return hoursLines(ctx().texts, this.hours, tenant, ctx().language).map((line) => ({
      id: line.id,
      label: line.text,
      // Open or closed, and the phone number, matter most.
      bold: !line.id.startsWith('day-'),
    }));
  }

  override onConnection(online: boolean): void {
    if (online && this.hours.kind === 'failed') void this.load();
  }

  private async load(): Promise<void> {
    if (this.loading) return;
    this.loading = true;
    this.hours = { kind: 'loading' };
    try {
      this.hours = { kind: 'loaded', status: await ctx().openingStatus() };
    } catch {
      this.hours = { kind: 'failed' };
    } finally {
      this.loading = false;
    }
    if (!this.attached) return;
    this.draw();
    shell().pageChanged();
    // The first line changed from "looking up…" to the answer: say it.
    if (this.focus === 0) ctx().announcer.focus(this.focusSpeech());
  }
}
