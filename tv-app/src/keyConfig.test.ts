import { createPlatform } from '@madoguchi/stb-bridge';
import { describe, expect, it } from 'vitest';
import { SDK_DEFAULT_KEY_CODES, handlerName, lightningKeys } from './keyConfig';

describe('Lightning keys config', () => {
  it('maps every key code of the browser profile to its remote key', () => {
    const keys = lightningKeys(createPlatform({ profileName: 'browser', appVersion: '0.1.0' }).keyMap);
    expect(keys[27]).toBe('Back');
    expect(keys[8]).toBe('Back');
    expect(keys[68]).toBe('Data');
    expect(keys[82]).toBe('Red');
    expect(keys[403]).toBe('Red');
    expect(keys[49]).toBe('Digit1');
    expect(keys[97]).toBe('Digit1');
  });

  it('maps the hbbtv profile and clears the SDK defaults the profile does not name', () => {
    const keys = lightningKeys(createPlatform({ profileName: 'hbbtv', appVersion: '0.1.0' }).keyMap);
    expect(keys[461]).toBe('Back');
    expect(keys[10009]).toBe('Back');
    expect(keys[457]).toBe('Data');
    expect(keys[406]).toBe('Blue');
    // The SDK maps Escape to Menu and "/" to Search; this box has neither.
    expect(27 in keys && keys[27]).toBe(undefined);
    expect(keys[191]).toBeUndefined();
    for (const code of SDK_DEFAULT_KEY_CODES) expect(code in keys).toBe(true);
  });

  it('names the handler Lightning calls', () => {
    expect(handlerName('Red')).toBe('_handleRed');
    expect(handlerName('Digit1')).toBe('_handleDigit1');
    expect(handlerName('Data')).toBe('_handleData');
  });
});
