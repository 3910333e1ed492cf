import type { CallbackSlot } from '@madoguchi/shared';
import { DeviceRequestError } from '@madoguchi/stb-bridge';
import type { Params } from '../../services/Translator';
import type { VideoCounter } from '../../services/VideoCounter';
import {
  SURVEY_START,
  answerSurvey,
  isSurveyAnswer,
  surveyBack,
  type LocalStep,
  type SurveyProgress,
} from '../../services/counterModel';
import type { DialogKind } from '../../services/counterScreens';

/** What the flow needs from around it. */
export interface FlowHost {
  counter: Pick<
    VideoCounter,
    'join' | 'cancel' | 'requestCallback' | 'end' | 'submitSurvey' | 'loadInfo' | 'sync'
  >;
  t(key: string, params?: Params): string;
  toast(text: string): void;
  say(text: string): void;
  /** Something on screen changed: draw again. */
  changed(): void;
}

/**
 * The viewer's way through the video counter that the server does not know about: the steps of
 * a call-back booking (and Back through them), the question on screen, one request at a time,
 * a line saying what just happened, and the survey's progress.
 */
export class CounterFlow {
  local: LocalStep = { step: 'start' };
  dialog: DialogKind | null = null;
  dialogFocus = 0;
  busy = false;
  notice: string | null = null;
  survey: SurveyProgress = SURVEY_START;
  private surveyId: string | null = null;
  private history: LocalStep[] = [];
  /** A topic chosen just as the counter closed: the call back is about it. */
  private chosenTopic: string | null = null;

  constructor(private readonly host: FlowHost) {}

  forward(step: LocalStep): void {
    this.history.push(this.local);
    this.local = step;
    this.notice = null;
    this.host.changed();
  }

  back(): void {
    this.local = this.history.pop() ?? { step: 'start' };
    this.notice = null;
    this.host.changed();
  }

  reset(): void {
    this.history = [];
    this.local = { step: 'start' };
  }

  openDialog(kind: DialogKind): void {
    this.dialog = kind;
    this.dialogFocus = 0;
  }

  closeDialog(): void {
    this.dialog = null;
  }

  /** Closed: book a call back about the topic just chosen, or choose one first. */
  startCallback(): void {
    this.forward(this.chosenTopic ? { step: 'slots', topic: this.chosenTopic } : { step: 'callbackTopics' });
  }

  /** A new survey owed starts at its first question. */
  surveyOwed(consultationId: string | null): void {
    if (consultationId === this.surveyId) return;
    this.surveyId = consultationId;
    this.survey = SURVEY_START;
  }

  // Requests ---------------------------------------------------------------------------------

  async join(topic: string): Promise<void> {
    await this.perform(
      async () => {
        await this.host.counter.join(topic);
        this.reset();
      },
      (error) => {
        if (error.code === 'COUNTER_CLOSED') {
          // Closed since the screen was drawn: offer the call back about this topic.
          this.chosenTopic = topic;
          void this.host.counter.loadInfo();
        }
        if (error.code === 'ALREADY_QUEUED') {
          void this.host.counter.sync();
          return true;
        }
        return false;
      },
    );
  }

  async book(topic: string, slot: CallbackSlot): Promise<void> {
    await this.perform(
      async () => {
        await this.host.counter.requestCallback(topic, slot);
        this.reset();
        this.host.toast(this.host.t('tvApp.counter.callbackBooked'));
      },
      (error) => {
        if (error.code === 'SLOT_UNAVAILABLE') {
          this.local = { step: 'slots', topic };
          void this.host.counter.loadInfo();
        }
        return false;
      },
    );
  }

  /** OK on the question: end the call, or leave the line / cancel the call back. */
  async confirmDialog(): Promise<void> {
    const kind = this.dialog;
    this.dialog = null;
    if (kind === 'endCall') {
      await this.perform(() => this.host.counter.end());
      return;
    }
    const done = kind === 'cancelWaiting' ? 'waitingCancelled' : 'callbackCancelled';
    await this.perform(async () => {
      await this.host.counter.cancel();
      this.reset();
      this.host.toast(this.host.t(`tvApp.counter.${done}`));
    });
  }

  /** One request at a time; a refusal is said in plain words on the screen (TV-UX.md, Errors). */
  async perform(
    action: () => Promise<void>,
    handled?: (error: DeviceRequestError) => boolean,
  ): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    this.notice = null;
    this.host.changed();
    try {
      await action();
    } catch (error) {
      const known = error instanceof DeviceRequestError ? error : DeviceRequestError.of('INTERNAL');
      if (!handled?.(known)) {
        this.notice = this.host.t(known.message, known.params);
        this.host.say(this.notice);
      }
    } finally {
      this.busy = false;
      this.host.changed();
    }
  }

  // Survey -------------------------------------------------------------------------------------

  /** Answer (1–5) or skip (null) the question on screen; true once the survey is finished. */
  answer(value: number | null): boolean {
    const answer = value !== null && isSurveyAnswer(value) ? value : null;
    const { progress, done } = answerSurvey(this.survey, answer);
    if (done) {
      this.finishSurvey(progress.answers);
      return true;
    }
    this.survey = progress;
    return false;
  }

  surveyBack(): void {
    this.survey = surveyBack(this.survey);
  }

  /** All answered, or the whole survey skipped (no answers): thanks, whatever the network does. */
  finishSurvey(answers: SurveyProgress['answers']): void {
    this.local = { step: 'thanks' };
    // An unsent survey is kept and sent at the next connection.
    void this.host.counter.submitSurvey(answers);
  }
}
