import type { SpecContext } from './serviceScreens';
import { Translator } from './Translator';

/** For the service models' tests: Japanese, text ×1, a fixed day, the clock at 0. */
export async function testSpecContext(): Promise<SpecContext> {
  return { texts: await Translator.create('ja'), language: 'ja', textScale: 1, today: '2025-11-27', now: 0 };
}
