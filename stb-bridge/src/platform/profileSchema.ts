import { REMOTE_KEYS, keyCodeSchema, profileNameSchema, type RemoteKey } from '@madoguchi/shared';
import { z } from 'zod';
import { OIPF_KEYSET_NAMES, TIZEN_INPUT_KEY_NAMES } from './keyNames.js';

export const remoteKeySchema = z.enum(REMOTE_KEYS);

/** DOM `keyCode` values are small positive integers, written as JSON object keys (shared with the fleet). */
export { keyCodeSchema };

/** Each key named once. */
function uniqueKeys<T extends string>(keys: z.ZodType<T>) {
  return z
    .array(keys)
    .min(1)
    .superRefine((names, ctx) => {
      const seen = new Set<T>();
      names.forEach((name, index) => {
        if (seen.has(name))
          ctx.addIssue({ code: 'custom', path: [index], message: `"${name}" is named twice` });
        seen.add(name);
      });
    });
}

/**
 * The keys a web app must ask the box for before it receives them (`keyRegistration.ts` does the
 * asking): Samsung's TVInputDevice key names, or OIPF/HbbTV Keyset constants by name (the mask is
 * computed in code).
 */
export const keyRegistrationSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('tizen-tvinputdevice'),
    keys: uniqueKeys(
      z.enum(TIZEN_INPUT_KEY_NAMES, {
        error: (issue) =>
          `${JSON.stringify(issue.input)} is not a TVInputDevice key name an app can register ` +
          '(arrows, Enter and Back are always delivered)',
      }),
    ),
  }),
  z.strictObject({
    kind: z.literal('oipf-keyset'),
    keys: uniqueKeys(
      z.enum(OIPF_KEYSET_NAMES, {
        error: (issue) =>
          `${JSON.stringify(issue.input)} is not an OIPF Keyset constant (${OIPF_KEYSET_NAMES.join(', ')})`,
      }),
    ),
  }),
]);

export type KeyRegistration = z.infer<typeof keyRegistrationSchema>;

/**
 * One kind of set-top box, as data (`profiles/*.json`). Adding a box is adding a file there:
 * the bundler finds it at build time (`import.meta.glob` in `profiles.ts`), Node reads the folder
 * (`nodeProfiles.ts`); no code changes and nothing to regenerate.
 */
export const profileSchema = z
  .strictObject({
    name: profileNameSchema,
    label: z.string().min(1).max(100),
    /** Where the values come from, for the next engineer; not used at run time. */
    notes: z.array(z.string()).optional(),
    /** DOM keyCode → the remote key it means on this box. */
    keyMap: z.record(keyCodeSchema, remoteKeySchema),
    /**
     * Names of key constants the box's browser defines as globals (Hybridcast `VK_DBUTTON`,
     * OIPF `KeyEvent.VK_RED`); their run-time values are added to `keyMap`.
     */
    keyGlobals: z.record(z.string().regex(/^VK_[A-Z0-9_]+$/), remoteKeySchema).optional(),
    /** Keys the app must register with the box before they are delivered; absent where all arrive anyway. */
    keyRegistration: keyRegistrationSchema.optional(),
    screen: z.strictObject({
      width: z.number().int().min(320).max(7680),
      height: z.number().int().min(240).max(4320),
    }),
    capabilities: z.strictObject({
      camera: z.boolean(),
      microphone: z.boolean(),
      speech: z.boolean(),
      webrtc: z.boolean(),
    }),
    /** `low` boxes get a smaller texture budget and drop screens they leave. */
    memoryClass: z.enum(['low', 'normal']),
  })
  .superRefine((profile, ctx) => {
    // Every key of the house rules (TV-UX.md) must be reachable on every box.
    const mapped = new Set<RemoteKey>([
      ...Object.values(profile.keyMap),
      ...Object.values(profile.keyGlobals ?? {}),
    ]);
    const missing = REMOTE_KEYS.filter((key) => !mapped.has(key));
    if (missing.length > 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['keyMap'],
        message: `no key code for ${missing.join(', ')}`,
      });
    }
  });

export type Profile = z.infer<typeof profileSchema>;
export type MemoryClass = Profile['memoryClass'];
export type ProfileCapabilities = Profile['capabilities'];

/** Key codes as numbers, for lookups on `KeyboardEvent.keyCode`. */
export type KeyCodeMap = ReadonlyMap<number, RemoteKey>;

export function keyCodeMapOf(profile: Profile): Map<number, RemoteKey> {
  const map = new Map<number, RemoteKey>();
  for (const [code, key] of Object.entries(profile.keyMap)) map.set(Number(code), key);
  return map;
}
