import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  sign,
  verify,
  type KeyObject,
} from 'node:crypto';
import { constants } from 'node:fs';
import { mkdir, open, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';

/** What `keygen` writes into its folder. */
export const PRIVATE_KEY_FILE = 'signing-key.pem';
export const PUBLIC_KEY_FILE = 'signing-key.pub.pem';

export class SigningKeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SigningKeyError';
  }
}

export interface KeyPairFiles {
  privateKey: string;
  publicKey: string;
  keyId: string;
}

/**
 * A new Ed25519 key pair as PEM (PKCS #8 private, SPKI public). The private key file is created
 * with mode 0600 and never overwritten: losing an operator's key is worse than a second run.
 */
export async function generateKeyPairFiles(outDir: string): Promise<KeyPairFiles> {
  const dir = resolve(outDir);
  await mkdir(dir, { recursive: true });
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const files = { privateKey: join(dir, PRIVATE_KEY_FILE), publicKey: join(dir, PUBLIC_KEY_FILE) };
  await writeNew(files.privateKey, privateKey.export({ type: 'pkcs8', format: 'pem' }), 0o600);
  await writeNew(files.publicKey, publicKey.export({ type: 'spki', format: 'pem' }), 0o644);
  return { ...files, keyId: keyIdOf(publicKey) };
}

async function writeNew(path: string, text: string | Buffer, mode: number): Promise<void> {
  let handle;
  try {
    // O_EXCL: fails when the file exists; the mode is set at creation, never readable by others.
    handle = await open(path, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, mode);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST')
      throw new SigningKeyError(`${path} exists already; keys are never overwritten`);
    throw error;
  }
  try {
    await handle.writeFile(text);
    // The umask may have removed bits from 0644; it cannot have added any to 0600.
    await handle.chmod(mode);
  } finally {
    await handle.close();
  }
}

/** SHA-256 of the public key (SPKI DER), hex: names the key in the manifest and in messages. */
export function keyIdOf(key: KeyObject): string {
  const publicKey = key.type === 'private' ? createPublicKey(key) : key;
  return createHash('sha256')
    .update(publicKey.export({ type: 'spki', format: 'der' }))
    .digest('hex');
}

export async function loadPrivateKey(path: string): Promise<KeyObject> {
  return ed25519(path, 'private', (pem) => createPrivateKey(pem));
}

export async function loadPublicKey(path: string): Promise<KeyObject> {
  return ed25519(path, 'public', (pem) => createPublicKey(pem));
}

async function ed25519(path: string, kind: string, parse: (pem: string) => KeyObject): Promise<KeyObject> {
  let pem: string;
  try {
    pem = await readFile(path, 'utf8');
  } catch (error) {
    throw new SigningKeyError(`${path}: cannot be read (${(error as NodeJS.ErrnoException).code ?? error})`);
  }
  let key: KeyObject;
  try {
    key = parse(pem);
  } catch (error) {
    throw new SigningKeyError(`${path}: not a ${kind} key in PEM (${(error as Error).message})`);
  }
  if (key.type !== kind || key.asymmetricKeyType !== 'ed25519')
    throw new SigningKeyError(`${path}: not an Ed25519 ${kind} key (${key.asymmetricKeyType ?? key.type})`);
  return key;
}

/** Ed25519 signs the message itself (no separate digest): the exact bytes of manifest.json. */
export function signBytes(data: Uint8Array, privateKey: KeyObject): Buffer {
  return sign(null, data, privateKey);
}

export function verifyBytes(data: Uint8Array, signature: Uint8Array, publicKey: KeyObject): boolean {
  return verify(null, data, publicKey, signature);
}
