/** What the key is made from (a fake in tests). */
export interface RandomSource {
  randomUUID?: () => string;
  getRandomValues?: <T extends Uint8Array>(array: T) => T;
}

const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/**
 * A fresh `Idempotency-Key`: a UUID where the browser has one, else 22 base64url characters
 * (132 random bits) from `getRandomValues`, which set-top box browsers of 2019 all have.
 */
export function newIdempotencyKey(random: RandomSource | undefined = globalThis.crypto): string {
  if (typeof random?.randomUUID === 'function') return random.randomUUID();
  const bytes = new Uint8Array(22);
  if (typeof random?.getRandomValues === 'function') random.getRandomValues(bytes);
  else for (let index = 0; index < bytes.length; index++) bytes[index] = Math.floor(Math.random() * 256);
  let key = '';
  for (const byte of bytes) key += BASE64URL[byte & 63];
  return key;
}

/**
 * One confirmation screen's request (予約する, たのむ): its key is made when the screen is, and
 * reused when the viewer tries again after a failure, so the server sees the same request and
 * books once. While it is under way, OK does nothing.
 */
export class ConfirmedRequest {
  readonly key: string;
  private running = false;
  private done = false;

  constructor(random?: RandomSource) {
    this.key = newIdempotencyKey(random);
  }

  get busy(): boolean {
    return this.running;
  }

  /** It went through: the screen moves on, and a new confirmation gets a new key. */
  get succeeded(): boolean {
    return this.done;
  }

  /**
   * Sends with this screen's key; resolves `undefined` without sending when a send is already
   * under way or this one already went through (OK pressed twice).
   */
  async run<T>(send: (key: string) => Promise<T>): Promise<T | undefined> {
    if (this.running || this.done) return undefined;
    this.running = true;
    try {
      const result = await send(this.key);
      this.done = true;
      return result;
    } finally {
      this.running = false;
    }
  }
}
