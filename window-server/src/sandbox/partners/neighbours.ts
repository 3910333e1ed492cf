/**
 * Citizens other than the demo citizens who use the partner services: they ask for and give
 * help in mutual aid, so each has a ゆでぴ account for the points. Only the partners know them;
 * nobody signs in as them.
 */
export const NEIGHBOURS = [
  { subject: 'citizen-1001', town: '西本町' },
  { subject: 'citizen-1002', town: '西本町' },
  { subject: 'citizen-1003', town: '西本町' },
  { subject: 'citizen-1011', town: '久原' },
  { subject: 'citizen-1012', town: '久原' },
  { subject: 'citizen-1021', town: '竹松' },
  { subject: 'citizen-1022', town: '竹松' },
] as const;
