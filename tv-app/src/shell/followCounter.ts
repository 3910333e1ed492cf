import type { Page } from '../pages/Page';
import type { RouteName } from '../services/AppContext';
import type { CounterChange } from '../services/VideoCounter';
import { isLiveCall } from '../services/counterModel';
import { ctx, type Shell } from '../services/runtime';

/** What following the video counter needs of the app around the screens. */
export type CounterFollowingApp = Pick<Shell, 'open' | 'toast'> & {
  readonly screen: Page | undefined;
  /** A screen of this route is on the stack, maybe under others. */
  hasScreen(route: RouteName): boolean;
  /** Everything drawn again (Home shows the place in line and the booked call back). */
  redraw(): void;
};

/**
 * The video counter, whatever screen is on: a call that starts brings its screen, one that
 * ends under another screen brings it back (why it ended, the survey), and after a reload the
 * call, the survey owed or the place in line come back. A ringing call back is CallBackRinging's.
 */
export function followCounter(change: CounterChange, app: CounterFollowingApp): void {
  const context = ctx();
  switch (change.kind) {
    case 'callStarted':
      app.open('videoCounter');
      app.redraw();
      return;
    case 'ended':
      if (change.wasLive && app.screen?.route !== 'videoCounter' && app.hasScreen('videoCounter')) {
        app.open('videoCounter');
        return;
      }
      // The counter screen says more (we will call again); a short word wherever the viewer is.
      if (change.wasLive) return;
      if (change.reason === 'unanswered') app.toast(context.t('tvApp.counter.missedCall'));
      if (change.reason === 'declined') app.toast(context.t('tvApp.counter.endReason.declined'));
      return;
    case 'entry':
      if (app.screen?.route === 'home') app.redraw();
      return;
    case 'synced': {
      if (!context.registered || !context.session) return;
      const { counter } = context;
      const waiting = counter.entry?.kind === 'walkIn';
      if (isLiveCall(counter.call) || (change.first && (counter.surveyFor !== null || waiting)))
        app.open('videoCounter');
      else if (app.screen?.route === 'home') app.redraw();
      return;
    }
    default:
      return;
  }
}
