export {
  CallSession,
  type CallSessionEvents,
  type CallSessionOptions,
  type CallSessionState,
  type CallSignalling,
  type InboundVideoStats,
} from './CallSession.js';
