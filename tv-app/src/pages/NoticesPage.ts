import type { NoticeView, RecommendationView } from '@madoguchi/shared';
import { followingNotice, noticesSpec, textPageCount, type NoticesStep } from '../services/noticesModel';
import { ctx } from '../services/runtime';
import type { ServiceScreenSpec, SpecContext } from '../services/serviceScreens';
import type { NoticesDetails } from '../testHook/screenDetails';
import { ServicePage } from './services/ServicePage';

interface NoticesData {
  notices: NoticeView[];
  /** For the person using the TV, when they allowed it; none otherwise. */
  recommendations: RecommendationView[];
}

/**
 * お知らせ: the city's notices (urgent first, then the newest, unread marked), one at a time
 * with its date and body; and, for the person using the TV, recommendations. No sign-in needed.
 */
export class NoticesPage extends ServicePage<'notices', NoticesStep, NoticesData> {
  readonly route = 'notices' as const;
  readonly service = 'notices' as const;
  protected override readonly needsPerson = false;

  protected firstStep(): NoticesStep {
    return { step: 'list' };
  }

  protected async fetch(citizenId: string | null): Promise<NoticesData> {
    const { services } = ctx();
    const recommendations = citizenId
      ? services.recommendations(citizenId).catch(() => [] as RecommendationView[])
      : Promise.resolve([] as RecommendationView[]);
    const [list, recommended] = await Promise.all([services.notices(), recommendations]);
    return { notices: list.notices, recommendations: recommended };
  }

  protected stepSpec(context: SpecContext, data: NoticesData): ServiceScreenSpec {
    return noticesSpec(context, { step: this.step, ...data, page: this.listPage });
  }

  override details(): NoticesDetails {
    const step = this.step;
    return {
      ...this.serviceDetails(),
      noticeId: step.step === 'detail' ? step.id : null,
      recommendations: this.content.kind === 'loaded' ? this.content.data.recommendations.length : 0,
    };
  }

  protected override turnPage(delta: number): void {
    const step = this.step;
    if (step.step === 'detail' || step.step === 'recommendation') {
      const data = this.content.kind === 'loaded' ? this.content.data : { notices: [], recommendations: [] };
      const pages = textPageCount(this.specContext(), { step, ...data, page: 0 });
      this.step = { ...step, textPage: (step.textPage + delta + pages) % pages };
      this.focus = 0;
      this.pageTurned();
      return;
    }
    super.turnPage(delta);
  }

  protected choose(id: string, data: NoticesData): void {
    const step = this.step;
    if (id === 'text:next') {
      this.turnPage(1);
      return;
    }
    if (id === 'recommendations') {
      this.forward({ step: 'recommendations' });
      return;
    }
    if (id.startsWith('recommendation:')) {
      this.forward({ step: 'recommendation', id: id.slice('recommendation:'.length), textPage: 0 });
      return;
    }
    if (id.startsWith('notice:') && id !== 'notice:following') {
      this.open(id.slice('notice:'.length), false);
      return;
    }
    if (id === 'notice:following' && step.step === 'detail') {
      const next = followingNotice(data.notices, step.id);
      if (next) this.open(next.id, true);
    }
  }

  /** Shows a notice at once from the list, and tells the server it was read. */
  private open(id: string, replace: boolean): void {
    const step: NoticesStep = { step: 'detail', id, textPage: 0 };
    if (replace) this.replaceStep(step);
    else this.forward(step);
    const { services } = ctx();
    services.notice(id).then(
      () => this.markRead(id),
      () => undefined,
    );
  }

  private markRead(id: string): void {
    if (this.content.kind !== 'loaded') return;
    const notices = this.content.data.notices.map((notice) =>
      notice.id === id ? { ...notice, read: true } : notice,
    );
    this.content = { kind: 'loaded', data: { ...this.content.data, notices } };
    this.redraw();
  }
}
