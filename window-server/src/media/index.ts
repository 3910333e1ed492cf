export {
  MediaWorkerPool,
  type MediaWorkerPoolEvents,
  type MediaWorkerPoolOptions,
} from './MediaWorkerPool.js';
