import { useEffect, useRef } from 'preact/hooks';

interface VideoViewProps {
  stream: MediaStream | null;
  /** Changes when a track was added to the same stream, to start playing it. */
  revision?: number;
  /** The officer's own view is muted, or they would hear themselves. */
  muted: boolean;
  testId: string;
  label: string;
  hidden?: boolean;
  mirrored?: boolean;
}

/** A <video> playing a MediaStream; it keeps playing sound while hidden (a TV without a camera). */
export function VideoView({ stream, revision = 0, muted, testId, label, hidden, mirrored }: VideoViewProps) {
  const video = useRef<HTMLVideoElement>(null);

  useEffect(() => {
    const element = video.current;
    if (!element) return;
    if (element.srcObject !== stream) element.srcObject = stream;
    // Autoplay may be refused before the officer touched the page; the next track or click retries.
    if (stream) element.play().catch(() => undefined);
  }, [stream, revision]);

  useEffect(
    () => () => {
      if (video.current) video.current.srcObject = null;
    },
    [],
  );

  return (
    <video
      ref={video}
      class={`video${mirrored ? ' video--mirrored' : ''}`}
      data-testid={testId}
      aria-label={label}
      autoPlay
      playsInline
      muted={muted}
      hidden={hidden}
    />
  );
}
