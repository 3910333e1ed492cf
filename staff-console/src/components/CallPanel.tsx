import { useEffect, useRef } from 'preact/hooks';
import { callStateHook, isMediaPhase, type CallView } from '../call/callState';
import { useCallView } from '../call/useCall';
import { useConsole } from '../context';
import { formatDuration, topicLabel, waitingSeconds } from '../counter';
import { useCounter } from '../counterContext';
import { useI18n } from '../i18n';
import { isMyNumberRefusal } from '../notes';
import { useNow } from '../useNow';
import { CitizenSection } from './CitizenSection';
import { EndForm } from './EndForm';
import { ErrorMessage } from './ErrorMessage';
import { Icon } from './Icon';
import { TransferForm } from './TransferForm';
import { TvTools } from './TvTools';
import { VideoView } from './VideoView';

/** The citizen's side as the officer must know it before speaking. */
function peerFacts(view: CallView) {
  const camera = view.join?.peer.camera ?? view.consultation?.camera ?? true;
  const microphone = view.join?.peer.microphone ?? true;
  const remoteVideo = (view.remoteStream?.getVideoTracks().length ?? 0) > 0;
  return {
    camera,
    microphone,
    videoOff: camera && !view.peerMedia.video,
    muted: microphone && !view.peerMedia.audio,
    remoteVideo,
  };
}

/** What covers the citizen's picture, when something does. */
function RemoteCover({ view }: { view: CallView }) {
  const { t } = useI18n();
  const peer = peerFacts(view);
  if (view.phase === 'ringing') {
    return (
      <div class="call__cover call__cover--ringing" data-testid="call-ringing">
        <span class="call__cover-icon">
          <Icon name="phone" />
        </span>
        {t('staff.call.ringing')}
      </div>
    );
  }
  if (view.phase === 'ended') {
    return (
      <div class="call__cover" data-testid="call-ended-cover">
        {view.endReason ? t(`counter.endReason.${view.endReason}`) : t('staff.call.endedUnknown')}
      </div>
    );
  }
  if (!peer.camera) {
    return (
      <div class="call__cover call__cover--audio" data-testid="peer-no-camera">
        <span class="call__cover-icon">
          <Icon name="speaker" />
        </span>
        {t('staff.call.peerNoCamera')}
      </div>
    );
  }
  if (view.onHold) {
    return (
      <div class="call__cover" data-testid="call-hold-cover">
        <span class="call__cover-icon">
          <Icon name="pause" />
        </span>
        {t('staff.call.onHoldCover')}
      </div>
    );
  }
  if (peer.videoOff) {
    return (
      <div class="call__cover" data-testid="peer-video-off">
        {t('staff.call.peerVideoOff')}
      </div>
    );
  }
  if (!peer.remoteVideo) return <div class="call__cover">{t('staff.call.videoConnecting')}</div>;
  return null;
}

function stateText(view: CallView, t: (key: string) => string): string {
  if (view.phase === 'ended') return t('staff.call.state.ended');
  if (view.onHold && isMediaPhase(view.phase)) return t('staff.call.state.onHold');
  return t(`staff.call.state.${callStateHook(view.phase)}`);
}

/** The officer's call: the citizen large, themselves small, the controls and the closing form. */
export function CallPanel() {
  const { t, language } = useI18n();
  const { session, live } = useConsole();
  const { snapshot, call } = useCounter();
  const view = useCallView(call);
  const now = useNow();
  const title = useRef<HTMLHeadingElement>(null);
  const consultationId = view.consultation?.consultationId ?? '';

  useEffect(() => {
    // A new call takes the keyboard to its panel; the officer's next move is there.
    if (consultationId) title.current?.focus();
  }, [consultationId]);

  if (view.phase === 'idle') return null;

  const hook = callStateHook(view.phase);
  const media = isMediaPhase(view.phase);
  const peer = peerFacts(view);
  const topics = snapshot?.topics ?? [];
  const topic = view.consultation ? topicLabel(topics, view.consultation.topic, language) : '';
  const hasAudio = view.localMedia === 'full' || view.localMedia === 'audioOnly';
  const hasVideo = view.localMedia === 'full';
  const invalidFields = view.error?.code === 'PAYLOAD_INVALID' ? (view.error.fields ?? []) : [];
  // A My Number in the notes is said at the notes field, not at the top of the panel.
  const notesRefused = isMyNumberRefusal(view.error);

  return (
    <section
      class={`call call--${hook}${view.onHold ? ' call--hold' : ''}`}
      aria-labelledby="call-title"
      data-testid="call-panel"
      data-call-state={hook}
      data-consultation-id={consultationId}
      data-on-hold={String(view.onHold)}
      data-peer-camera={String(peer.camera)}
    >
      <div class="call__head">
        <h2 id="call-title" class="call__title" tabIndex={-1} ref={title}>
          {view.phase === 'ended' ? t('staff.call.titleEnded') : t('staff.call.title')}
          {topic && <span class="call__topic">{topic}</span>}
        </h2>
        <p
          class={`call__state call__state--${view.onHold && media ? 'hold' : hook}`}
          role="status"
          data-testid="call-state"
        >
          <span class="call__state-dot" aria-hidden="true" />
          {stateText(view, t)}
        </p>
        {!live && (
          <p class="call__offline" role="alert" data-testid="call-socket-off">
            {t('staff.call.socketOff')}
          </p>
        )}
        {view.consultation && view.phase !== 'ended' && (
          <p class="call__elapsed">
            {t('staff.call.elapsed', {
              time: formatDuration(waitingSeconds(view.consultation.startedAt, now)),
            })}
          </p>
        )}
      </div>

      {view.error && view.error.code !== 'PAYLOAD_INVALID' && !notesRefused && (
        <ErrorMessage error={view.error} testId="call-error" />
      )}
      {view.mediaError && (
        <ErrorMessage error={view.mediaError} testId="media-error" text={t('staff.call.mediaFailed')}>
          <button
            type="button"
            class="button button--small"
            data-testid="media-retry"
            onClick={() => call.retryMedia()}
          >
            {t('staff.call.mediaRetry')}
          </button>
        </ErrorMessage>
      )}

      <div class="call__body">
        <div class="call__stage">
          <div class="call__remote">
            <VideoView
              stream={view.remoteStream}
              revision={view.remoteRevision}
              muted={false}
              testId="remote-video"
              label={t('staff.call.remoteVideo')}
              hidden={!peer.camera || peer.videoOff || !media || view.onHold}
            />
            <RemoteCover view={view} />
            <div class="call__badges">
              {media && !peer.microphone && (
                <span class="badge badge--warn" data-testid="peer-no-microphone">
                  {t('staff.call.peerNoMicrophone')}
                </span>
              )}
              {media && peer.muted && (
                <span class="badge badge--warn" data-testid="peer-muted">
                  {t('staff.call.peerMuted')}
                </span>
              )}
            </div>
            {(view.phase === 'ringing' || media) && (
              <div class="call__self">
                <VideoView
                  stream={view.localStream}
                  muted
                  mirrored
                  testId="self-video"
                  label={t('staff.call.selfVideo')}
                  hidden={!hasVideo || view.cameraOff}
                />
                {(!hasVideo || view.cameraOff) && (
                  <div class="call__self-cover">
                    {view.localMedia === 'pending'
                      ? t('staff.call.selfStarting')
                      : hasVideo
                        ? t('staff.call.selfCameraOff')
                        : t('staff.call.selfNoCamera')}
                  </div>
                )}
              </div>
            )}
          </div>

          {(view.localMedia === 'audioOnly' || view.localMedia === 'none') && media && (
            <p class="message message--info call__local-note" data-testid="local-media-note">
              {view.localMedia === 'audioOnly' ? t('staff.call.localAudioOnly') : t('staff.call.localNone')}
            </p>
          )}

          {(media || view.phase === 'ringing') && (
            <div class="call__controls" role="group" aria-label={t('staff.call.controls')}>
              <button
                type="button"
                class={`button call__control${view.micMuted ? ' call__control--off' : ''}`}
                data-testid="toggle-mute"
                data-muted={String(view.micMuted)}
                disabled={!hasAudio}
                onClick={() => void call.toggleMute()}
              >
                {view.micMuted ? t('staff.call.unmute') : t('staff.call.mute')}
              </button>
              <button
                type="button"
                class={`button call__control${view.cameraOff ? ' call__control--off' : ''}`}
                data-testid="toggle-camera"
                data-camera-off={String(view.cameraOff)}
                disabled={!hasVideo}
                onClick={() => void call.toggleCamera()}
              >
                {view.cameraOff ? t('staff.call.cameraOn') : t('staff.call.cameraOff')}
              </button>
              {media && (
                <button
                  type="button"
                  class={`button call__control${view.onHold ? ' call__control--hold' : ''}`}
                  data-testid="hold"
                  data-on-hold={String(view.onHold)}
                  disabled={view.busy !== null}
                  onClick={() => void call.toggleHold()}
                >
                  {view.onHold ? t('staff.call.resume') : t('staff.call.hold')}
                </button>
              )}
            </div>
          )}

          {/* Only during the consultation: what the citizens on this TV let the officer see. */}
          {media && view.consultation && (
            <CitizenSection
              key={consultationId}
              consultationId={consultationId}
              connected={view.phase === 'connected'}
            />
          )}
          {media && view.consultation && <TvTools key={consultationId} consultationId={consultationId} />}
        </div>

        <div class="call__side" key={consultationId}>
          {view.phase === 'ringing' && (
            <p class="call__hint" data-testid="ringing-hint">
              {t('staff.call.ringingHint')}
            </p>
          )}
          {view.phase === 'accepting' && <p class="call__hint">{t('staff.call.accepting')}</p>}
          {media && view.consultation && (
            <TransferForm
              topics={topics}
              currentTopic={view.consultation.topic}
              officers={snapshot?.officers ?? []}
              staffId={session.staff.id}
              busy={view.busy !== null}
              onTransfer={(target) => void call.transfer(target)}
            />
          )}
          {(media || view.phase === 'ended') && view.consultation && (
            <EndForm
              live={media}
              busy={view.busy === 'end'}
              invalidFields={invalidFields}
              notesRefused={notesRefused}
              onSubmit={(outcome, notes) => void call.end(outcome, notes)}
            />
          )}
          {view.error?.code === 'PAYLOAD_INVALID' && !notesRefused && (
            <ErrorMessage error={view.error} testId="call-error" />
          )}
        </div>
      </div>
    </section>
  );
}
