export {
  MediaWorkerPool,
  type MediaWorker,
  type MediaWorkerPoolEvents,
  type MediaWorkerPoolOptions,
} from './MediaWorkerPool.js';
export { CallRoom, MEDIA_CODECS, type RoomPush } from './CallRoom.js';
export { CallRooms, type CallRoomsEvents, type CallRoomsOptions } from './CallRooms.js';
export { asJson } from './json.js';
