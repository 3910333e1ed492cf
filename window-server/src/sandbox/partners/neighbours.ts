import { DEMO_TOWNS, type DemoSet } from '../demoCity.js';

/**
 * Citizens other than the demo citizens who use the partner services: they ask for and give
 * help in mutual aid, so each has a ゆでぴ account for the points. Only the partners know them;
 * nobody signs in as them. Three live in the elderly couple's town, two in each other's.
 */
export function neighboursIn(set: DemoSet): readonly { subject: string; town: string }[] {
  const { elders, parent, family } = DEMO_TOWNS[set];
  return [
    { subject: 'citizen-1001', town: elders },
    { subject: 'citizen-1002', town: elders },
    { subject: 'citizen-1003', town: elders },
    { subject: 'citizen-1011', town: parent },
    { subject: 'citizen-1012', town: parent },
    { subject: 'citizen-1021', town: family },
    { subject: 'citizen-1022', town: family },
  ];
}
