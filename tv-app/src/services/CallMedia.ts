import type { CallJoinInfo, PeerMediaState } from '@madoguchi/shared';
import { TypedEmitter } from '@madoguchi/stb-bridge';
import type {
  CallSession,
  CallSessionState,
  CallSignalling,
  InboundVideoStats,
} from '@madoguchi/stb-bridge/call';
import type { CallMediaHandle } from './VideoCounter';

/** What the TV can send, from its platform capabilities (the profile and what the browser has). */
export interface MediaCapabilities {
  camera: boolean;
  microphone: boolean;
}

/** A set-top box decodes and encodes little: 360p at 15 fps is plenty for a face across a room. */
export const CAMERA_CONSTRAINTS: MediaTrackConstraints = {
  width: { ideal: 640 },
  height: { ideal: 360 },
  frameRate: { ideal: 15, max: 20 },
};

/**
 * What to ask getUserMedia for, best first: camera and microphone, then the microphone alone
 * (a camera that fails should not cost the citizen their voice). Empty: receive only.
 */
export function mediaRequests(capabilities: MediaCapabilities): MediaStreamConstraints[] {
  const requests: MediaStreamConstraints[] = [];
  if (capabilities.camera) {
    requests.push({ audio: capabilities.microphone, video: CAMERA_CONSTRAINTS });
  }
  if (capabilities.microphone) requests.push({ audio: true, video: false });
  return requests;
}

/** The camera and microphone, as much of them as works; null to only receive. */
export async function openLocalMedia(
  capabilities: MediaCapabilities,
  mediaDevices: Pick<MediaDevices, 'getUserMedia'> | undefined,
): Promise<MediaStream | null> {
  if (!mediaDevices) return null;
  for (const constraints of mediaRequests(capabilities)) {
    try {
      return await mediaDevices.getUserMedia(constraints);
    } catch (error) {
      console.warn('camera or microphone not available', constraints, error);
    }
  }
  return null;
}

export interface CallMediaOptions {
  join: CallJoinInfo;
  signalling: CallSignalling;
  capabilities: MediaCapabilities;
  mediaDevices: Pick<MediaDevices, 'getUserMedia'> | undefined;
}

/**
 * One consultation's media on the TV: opens the camera and microphone once, then a CallSession
 * (loaded on first use, so the app starts without mediasoup-client). The session re-joins by
 * itself on `media:rejoin`; a newer join seen only in a re-sync rebuilds it here.
 */
export class CallMedia extends TypedEmitter<{ changed: [] }> implements CallMediaHandle {
  private join: CallJoinInfo;
  private session: CallSession | null = null;
  private local: MediaStream | null = null;
  private localOpened = false;
  private localAsked = false;
  private state: CallSessionState | null = null;
  private hasFailed = false;
  private peer: PeerMediaState | null = null;
  private closed = false;
  private attempt = 0;
  private readonly offs: (() => void)[] = [];

  static start(options: CallMediaOptions): CallMedia {
    const media = new CallMedia(options);
    void media.run();
    return media;
  }

  private constructor(private readonly options: CallMediaOptions) {
    super();
    this.join = options.join;
    // The session follows a rebuilt router by itself; keep our generation in step with it.
    this.offs.push(
      options.signalling.on('media:rejoin', (join: CallJoinInfo) => {
        if (join.consultationId === this.join.consultationId && join.generation > this.join.generation) {
          this.join = join;
        }
      }),
    );
  }

  get consultationId(): string {
    return this.join.consultationId;
  }

  get generation(): number {
    return this.join.generation;
  }

  get sending(): { audio: boolean; video: boolean } {
    return {
      audio: (this.local?.getAudioTracks().length ?? 0) > 0,
      video: (this.local?.getVideoTracks().length ?? 0) > 0,
    };
  }

  get localReady(): boolean {
    return this.localOpened && this.localAsked;
  }

  get sessionState(): CallSessionState | null {
    return this.state;
  }

  get failed(): boolean {
    return this.hasFailed;
  }

  get peerVideo(): boolean {
    return this.peer ? this.peer.video : this.join.peer.camera;
  }

  get remoteStream(): MediaStream | null {
    return this.session?.remoteStream ?? null;
  }

  get localStream(): MediaStream | null {
    return this.local;
  }

  update(join: CallJoinInfo): void {
    if (this.closed || join.consultationId !== this.join.consultationId) return;
    if (join.generation <= this.join.generation && !this.hasFailed) return;
    this.join = join;
    void this.run();
  }

  retry(): void {
    if (!this.closed) void this.run();
  }

  async stats(): Promise<InboundVideoStats | null> {
    return (await this.session?.inboundVideoStats()) ?? null;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const off of this.offs.splice(0)) off();
    this.session?.close();
    this.session = null;
    for (const track of this.local?.getTracks() ?? []) track.stop();
    this.local = null;
    this.state = 'closed';
    this.safeEmit('changed');
    this.removeAllListeners();
  }

  private async run(): Promise<void> {
    const attempt = ++this.attempt;
    const current = () => !this.closed && attempt === this.attempt;
    this.session?.close();
    this.session = null;
    this.hasFailed = false;
    this.setState('connecting');
    try {
      if (!this.localOpened) {
        this.localOpened = true;
        this.local = await openLocalMedia(this.options.capabilities, this.options.mediaDevices);
        this.localAsked = true;
        if (this.closed) for (const track of this.local?.getTracks() ?? []) track.stop();
        // Show what the TV sends as soon as it is known.
        this.safeEmit('changed');
      }
      if (!current()) return;
      const { CallSession } = await import('@madoguchi/stb-bridge/call');
      if (!current()) return;
      const session = await CallSession.start({
        signalling: this.options.signalling,
        join: this.join,
        localStream: this.local,
      });
      if (!current()) {
        session.close();
        return;
      }
      this.session = session;
      session.on('state', (state) => this.setState(state));
      session.on('remoteTrack', () => this.safeEmit('changed'));
      session.on('peerState', (state) => {
        this.peer = state;
        this.safeEmit('changed');
      });
      this.setState(session.state);
    } catch (error) {
      if (!current()) return;
      console.error('the call media could not start', error);
      this.hasFailed = true;
      this.setState(null);
    }
  }

  private setState(state: CallSessionState | null): void {
    if (this.closed) return;
    this.state = state;
    this.safeEmit('changed');
  }
}
