export {
  Counter,
  type CallParty,
  type CounterDeps,
  type CounterEvents,
  type CounterOptions,
} from './Counter.js';
export { CounterFigures } from './CounterFigures.js';
export { CounterStore, type ConsultationRecord, type QueueEntryRecord } from './CounterStore.js';
export { callbackSlots } from './callbackSlots.js';
