export { addMinutes, systemClock, type Clock } from '@madoguchi/shared';
