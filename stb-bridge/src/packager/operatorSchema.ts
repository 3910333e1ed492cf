import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { profileNameSchema, tenantIdSchema, TENANT_ID_RULE } from '@madoguchi/shared';
import { z } from 'zod';
import { keyMapOverrideSchema } from '../platform/operatorKeyMap.js';
import { shippedProfile, shippedProfileNames } from './profiles.js';

/**
 * window-server's address as the TV will use it: an origin only (the TV adds its city's base path
 * `/t/<tenant>` itself), HTTPS, or plain HTTP on 127.0.0.1 for tests on one machine.
 */
const serverUrlSchema = z
  .string()
  .refine((text) => URL.canParse(text), 'not a URL')
  .transform((text) => new URL(text))
  .refine(
    (url) => url.protocol === 'https:' || (url.protocol === 'http:' && url.hostname === '127.0.0.1'),
    'must be https:// (plain http:// only for 127.0.0.1, in tests)',
  )
  .refine(
    (url) => url.pathname === '/' && !url.search && !url.hash && !url.username && !url.password,
    'must be an origin only, such as https://madoguchi.city.example (no path, query or user)',
  )
  .transform((url) => url.origin);

/** The operator's description of what it ships to its boxes (`operator.json`). */
export const operatorSchema = z.strictObject({
  /** Goes into the package file name: lower-case letters, digits and hyphens. */
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'lower-case letters, digits and hyphens (a-z0-9-)'),
  name: z.string().trim().min(1).max(200),
  serverUrl: serverUrlSchema,
  /**
   * The city (tenant id in window-server) the TVs belong to: they reach it at
   * `<serverUrl>/t/<tenant>` (its API, its device namespace), so it must be a tenant id.
   */
  tenant: z.string({ error: TENANT_ID_RULE }).pipe(tenantIdSchema),
  /** Path of the Ed25519 private key (PEM), relative to the operator file. */
  signingKey: z.string().min(1),
  /** Per profile name: key code → remote key, or null to drop the code. */
  keyMapOverrides: z
    .record(profileNameSchema, keyMapOverrideSchema)
    .superRefine((overrides, ctx) => {
      for (const name of Object.keys(overrides)) {
        if (!shippedProfile(name))
          ctx.addIssue({
            code: 'custom',
            path: [name],
            message: `no profile "${name}" (known: ${shippedProfileNames().join(', ')})`,
          });
      }
    })
    .optional(),
  /**
   * Fixed build time (ISO 8601) for reproducible packages; `SOURCE_DATE_EPOCH` wins over it, and
   * without either the time of the last git commit is used.
   */
  buildTime: z.iso.datetime({ offset: true }).optional(),
});

export type OperatorFile = z.infer<typeof operatorSchema>;

/** The operator file as the packager uses it: validated, with the key path made absolute. */
export interface Operator extends OperatorFile {
  file: string;
  signingKeyPath: string;
}

export class OperatorFileError extends Error {
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(`${file}: ${problems.join('; ')}`);
    this.name = 'OperatorFileError';
  }
}

/** Problems as `field: message`, one per wrong field, never echoing the value. */
export function parseOperator(data: unknown, file: string): Operator {
  const parsed = operatorSchema.safeParse(data);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const path = issue.path.map(String).join('.') || '(root)';
      return `${path}: ${issue.message}`;
    });
    throw new OperatorFileError(file, problems);
  }
  return { ...parsed.data, file, signingKeyPath: resolve(dirname(file), parsed.data.signingKey) };
}

export async function loadOperatorFile(path: string): Promise<Operator> {
  const file = resolve(path);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new OperatorFileError(file, [`cannot be read (${(error as NodeJS.ErrnoException).code ?? error})`]);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new OperatorFileError(file, [`not valid JSON (${(error as Error).message})`]);
  }
  return parseOperator(data, file);
}
