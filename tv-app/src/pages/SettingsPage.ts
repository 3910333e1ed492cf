import { ctx, shell } from '../services/runtime';
import { SETTINGS_ROWS, changeFor, rowLabelKey, rowValueKey, type Step } from '../services/settingsModel';
import type { NoDetails } from '../testHook/screenDetails';
import { ListPage, type ListItem } from './ListPage';

/** The row after the settings that opens who uses this TV (sign-in, consents, unlinking). */
export const HOUSEHOLD_ROW = 'household';

/**
 * Text size, spoken guidance and language; every change applies at once and is saved. The
 * last row opens the people who use this TV.
 */
export class SettingsPage extends ListPage<'settings'> {
  readonly route = 'settings' as const;

  override details(): NoDetails {
    return {};
  }

  title(): string {
    return ctx().t('settings.title');
  }

  protected items(): ListItem[] {
    const { settings, texts } = ctx();
    const rows: ListItem[] = SETTINGS_ROWS.map((row) => {
      const label = texts.t(rowLabelKey(row));
      const key = rowValueKey(row, settings);
      const value = typeof key === 'string' ? texts.t(key) : texts.pick(key.object, key.key);
      return { id: row, label, value, speech: texts.t('speech.selected', { label, value }) };
    });
    const label = texts.t('tvApp.household.settingsRow');
    rows.push({
      id: HOUSEHOLD_ROW,
      label,
      bold: true,
      speech: texts.t('tvApp.household.openSpeech', { label }),
    });
    return rows;
  }

  protected override hint(): string {
    return ctx().t('settings.hint');
  }

  private change(step: Step, wrap: boolean): boolean {
    const row = SETTINGS_ROWS[this.focus];
    const patch = row ? changeFor(row, ctx().settings, step, wrap) : undefined;
    if (!patch) {
      // Already at the end: say where we are rather than nothing.
      ctx().announcer.focus(this.focusSpeech());
      return true;
    }
    void ctx()
      .updateSettings(patch)
      .then((result) => {
        if (result === 'saved') shell().toast(ctx().t('settings.saved'));
        if (result === 'failed') shell().toast(ctx().t('settings.saveFailed'), true);
      });
    return true;
  }

  override _handleLeft(): boolean {
    return this.change(-1, false);
  }

  override _handleRight(): boolean {
    return this.change(1, false);
  }

  override _handleEnter(): boolean {
    if (this.items()[this.focus]?.id === HOUSEHOLD_ROW) {
      shell().open('household');
      return true;
    }
    return this.change(1, true);
  }
}
