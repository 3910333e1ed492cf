import { z } from 'zod';

/**
 * Media signalling for a consultation (mediasoup), the same on /device and /staff.
 * mediasoup's own parameter objects are passed through as JSON; the server's mediasoup checks
 * them and a bad one is answered PAYLOAD_INVALID.
 */

const id = z.string().min(1).max(64);
const json = z.record(z.string(), z.unknown());

export type CallRole = 'citizen' | 'officer';

/** What a side needs to (re)join a consultation's media. */
export interface CallJoinInfo {
  consultationId: string;
  /** Increases each time the consultation's router is rebuilt (a media worker died). */
  generation: number;
  routerRtpCapabilities: Record<string, unknown>;
  /** Who is on the other side. */
  peer: { role: CallRole; displayName: string; camera: boolean; microphone: boolean };
}

export const mediaJoinSchema = z.strictObject({
  consultationId: id,
  generation: z.number().int().min(0),
  rtpCapabilities: json,
  /** What this side will send: a TV without a camera sends audio only (or nothing). */
  sending: z.strictObject({ audio: z.boolean(), video: z.boolean() }),
});
export type MediaJoin = z.infer<typeof mediaJoinSchema>;

export interface TransportInfo {
  id: string;
  iceParameters: Record<string, unknown>;
  iceCandidates: Record<string, unknown>[];
  dtlsParameters: Record<string, unknown>;
}

export interface MediaJoinResult {
  /** Absent when this side sends nothing. */
  send: TransportInfo | null;
  recv: TransportInfo;
}

export const mediaConnectSchema = z.strictObject({
  consultationId: id,
  transportId: id,
  dtlsParameters: json,
});

export const mediaProduceSchema = z.strictObject({
  consultationId: id,
  transportId: id,
  kind: z.enum(['audio', 'video']),
  rtpParameters: json,
});

export const mediaConsumerRefSchema = z.strictObject({ consultationId: id, consumerId: id });

export const mediaRestartIceSchema = z.strictObject({ consultationId: id, transportId: id });

export const mediaPauseSchema = z.strictObject({ consultationId: id, producerId: id, paused: z.boolean() });

/** The server made a consumer (paused) for this side; resume it once it is set up. */
export interface NewConsumer {
  consultationId: string;
  consumerId: string;
  producerId: string;
  kind: 'audio' | 'video';
  rtpParameters: Record<string, unknown>;
}

/** What the other side sends now (camera off, muted, on hold). */
export interface PeerMediaState {
  consultationId: string;
  role: CallRole;
  audio: boolean;
  video: boolean;
}
