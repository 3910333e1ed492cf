/** The part of Lightning's stage that tells when a frame was drawn. */
export interface FrameSource {
  on(event: 'frameEnd', listener: () => void): void;
  off(event: 'frameEnd', listener: () => void): void;
}

/** Runs `then` once `count` more frames have been drawn. */
export function afterFrames(stage: FrameSource, count: number, then: () => void): void {
  let frames = 0;
  const onFrame = () => {
    frames++;
    if (frames < count) return;
    stage.off('frameEnd', onFrame);
    then();
  };
  stage.on('frameEnd', onFrame);
}
