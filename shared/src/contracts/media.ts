import {
  mediaConnectSchema,
  mediaConsumerRefSchema,
  mediaJoinSchema,
  mediaPauseSchema,
  mediaProduceSchema,
  mediaRestartIceSchema,
  type CallJoinInfo,
  type MediaJoinResult,
  type NewConsumer,
  type PeerMediaState,
} from '../media.js';
import type { EmptyAck } from '../common.js';
import { push, reply, request, type PushOf } from './contract.js';

/** Media signalling for a consultation (mediasoup): the same requests on /device and /staff. */
export const MEDIA_REQUESTS = {
  'media:join': request(mediaJoinSchema, reply<MediaJoinResult>()),
  'media:connect': request(mediaConnectSchema, reply<EmptyAck>()),
  'media:produce': request(mediaProduceSchema, reply<{ producerId: string }>()),
  'media:resume': request(mediaConsumerRefSchema, reply<EmptyAck>()),
  'media:restartIce': request(mediaRestartIceSchema, reply<{ iceParameters: Record<string, unknown> }>()),
  'media:pause': request(mediaPauseSchema, reply<EmptyAck>()),
};

export const MEDIA_PUSHES = {
  /** The server made a consumer (paused) for this side; resume it once it is set up. */
  'media:consumer': push<NewConsumer>(),
  'media:consumerClosed': push<{ consultationId: string; consumerId: string }>(),
  /** The router was rebuilt (a worker died): close transports and join again with this. */
  'media:rejoin': push<CallJoinInfo>(),
  'media:peerState': push<PeerMediaState>(),
};

export type MediaPushes = typeof MEDIA_PUSHES;
export type MediaPushName = keyof MediaPushes;
export type MediaRequests = typeof MEDIA_REQUESTS;

/** One media push as a value (its name and payload), for code that passes pushes along. */
export type MediaPush = {
  [E in MediaPushName]: { event: E; payload: PushOf<MediaPushes[E]> };
}[MediaPushName];
