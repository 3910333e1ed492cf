/** What the officer's own camera and microphone could give. */
export type LocalMediaKind = 'full' | 'audioOnly' | 'none';

export interface LocalMedia {
  stream: MediaStream | null;
  kind: LocalMediaKind;
}

type GetUserMedia = (constraints: MediaStreamConstraints) => Promise<MediaStream>;

/**
 * Camera and microphone, else the microphone alone, else nothing: the officer then still hears
 * and sees the citizen (the call receives only) and the panel says why.
 */
export async function openLocalMedia(
  getUserMedia: GetUserMedia | undefined = globalThis.navigator?.mediaDevices?.getUserMedia.bind(
    globalThis.navigator.mediaDevices,
  ),
): Promise<LocalMedia> {
  if (!getUserMedia) return { stream: null, kind: 'none' };
  try {
    const stream = await getUserMedia({ audio: true, video: { width: 640, height: 360 } });
    return { stream, kind: stream.getVideoTracks().length > 0 ? 'full' : 'audioOnly' };
  } catch {
    // No camera, or the camera is busy in another program: try the microphone alone.
  }
  try {
    return { stream: await getUserMedia({ audio: true }), kind: 'audioOnly' };
  } catch {
    return { stream: null, kind: 'none' };
  }
}

/** Turns the camera light off: every track the console opened is stopped. */
export function stopLocalMedia(stream: MediaStream | null): void {
  for (const track of stream?.getTracks() ?? []) track.stop();
}
