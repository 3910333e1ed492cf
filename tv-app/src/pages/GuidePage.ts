import { ctx } from '../services/runtime';
import type { NoDetails } from '../testHook/screenDetails';
import { ListPage, type ListItem } from './ListPage';

const GUIDE_LINES = ['arrows', 'ok', 'back', 'numbers', 'colours', 'data'] as const;

/** How to use the remote, one key per line. */
export class GuidePage extends ListPage<'guide'> {
  readonly route = 'guide' as const;

  override details(): NoDetails {
    return {};
  }

  title(): string {
    return ctx().t('guide.title');
  }

  protected items(): ListItem[] {
    return GUIDE_LINES.map((line) => ({ id: line, label: ctx().t(`guide.${line}`) }));
  }
}
