import type { AckError, CallEndReason, CallJoinInfo, ConsultationView } from '@madoguchi/shared';
import type { LocalMediaKind } from './localMedia';

// The call as the panel draws it, apart from the controller that keeps it, so views need not import that.

/**
 * Where this officer's call stands. `accepting` waits for the server's answer to an accept;
 * `ended` means the call is over (or was interrupted) and its outcome is still to be recorded.
 */
export type CallPhase =
  'idle' | 'accepting' | 'ringing' | 'connecting' | 'connected' | 'reconnecting' | 'ended';

/** The value of the panel's `data-call-state`, which end-to-end tests wait on. */
export type CallStateHook = 'idle' | 'connecting' | 'connected' | 'reconnecting' | 'ringing' | 'ended';

export function callStateHook(phase: CallPhase): CallStateHook {
  return phase === 'accepting' ? 'connecting' : phase;
}

const MEDIA_PHASES: ReadonlySet<CallPhase> = new Set(['connecting', 'connected', 'reconnecting']);

export function isMediaPhase(phase: CallPhase): boolean {
  return MEDIA_PHASES.has(phase);
}

export interface CallNotice {
  key: string;
  params?: Record<string, string>;
}

export interface CallView {
  phase: CallPhase;
  consultation: ConsultationView | null;
  join: CallJoinInfo | null;
  endReason: CallEndReason | null;
  /** What the citizen's TV sends now (its microphone and camera, or neither while on hold). */
  peerMedia: { audio: boolean; video: boolean };
  localStream: MediaStream | null;
  localMedia: LocalMediaKind | 'pending';
  remoteStream: MediaStream | null;
  /** Grows whenever a remote track arrives, so the <video> takes it up. */
  remoteRevision: number;
  micMuted: boolean;
  cameraOff: boolean;
  onHold: boolean;
  /** The media did not connect; it is tried again by itself and on request. */
  mediaError: AckError | null;
  busy: 'hold' | 'transfer' | 'end' | null;
  error: AckError | null;
  /** Told once on the counter page after a call: recorded, transferred, declined … */
  notice: CallNotice | null;
}

/** No call: where every call starts from. */
export const IDLE_CALL: CallView = {
  phase: 'idle',
  consultation: null,
  join: null,
  endReason: null,
  peerMedia: { audio: false, video: false },
  localStream: null,
  localMedia: 'pending',
  remoteStream: null,
  remoteRevision: 0,
  micMuted: false,
  cameraOff: false,
  onHold: false,
  mediaError: null,
  busy: null,
  error: null,
  notice: null,
};
