import { describe, expect, it, vi } from 'vitest';
import { CAMERA_CONSTRAINTS, mediaRequests, openLocalMedia } from './CallMedia';

describe('mediaRequests', () => {
  it('asks for camera and microphone on a box with both, then the microphone alone', () => {
    expect(mediaRequests({ camera: true, microphone: true })).toEqual([
      { audio: true, video: CAMERA_CONSTRAINTS },
      { audio: true, video: false },
    ]);
  });

  it('sends audio only without a camera, and nothing without either (receive only)', () => {
    expect(mediaRequests({ camera: false, microphone: true })).toEqual([{ audio: true, video: false }]);
    expect(mediaRequests({ camera: false, microphone: false })).toEqual([]);
    expect(mediaRequests({ camera: true, microphone: false })).toEqual([
      { audio: false, video: CAMERA_CONSTRAINTS },
    ]);
  });
});

describe('openLocalMedia', () => {
  const stream = { id: 'local' } as unknown as MediaStream;

  it('falls back to the microphone when the camera fails', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const getUserMedia = vi
      .fn<(constraints?: MediaStreamConstraints) => Promise<MediaStream>>()
      .mockRejectedValueOnce(new Error('NotReadableError'))
      .mockResolvedValueOnce(stream);
    await expect(openLocalMedia({ camera: true, microphone: true }, { getUserMedia })).resolves.toBe(stream);
    expect(getUserMedia).toHaveBeenLastCalledWith({ audio: true, video: false });
  });

  it('only receives when nothing can be opened, or there is no media API', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const getUserMedia = vi.fn(() => Promise.reject(new Error('NotAllowedError')));
    await expect(openLocalMedia({ camera: true, microphone: true }, { getUserMedia })).resolves.toBeNull();
    await expect(openLocalMedia({ camera: true, microphone: true }, undefined)).resolves.toBeNull();
    const unused = vi.fn();
    await expect(
      openLocalMedia({ camera: false, microphone: false }, { getUserMedia: unused }),
    ).resolves.toBeNull();
    expect(unused).not.toHaveBeenCalled();
  });
});
