import { parseArgs } from 'node:util';
import { BuildError } from './tvAppBuild.js';
import { KeyMapOverrideError } from '../platform/operatorKeyMap.js';
import { OperatorFileError, loadOperatorFile } from './operatorSchema.js';
import { PackageInputError } from './errors.js';
import { createPackage } from './packager.js';
import { SigningKeyError, generateKeyPairFiles, loadPublicKey } from './signing.js';
import { TarFormatError } from './ustar.js';
import { verifyPackage } from './verifier.js';

/** 0 done; 1 the package failed verification or the build failed; 2 wrong usage or input. */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

const USAGE = `Usage:
  stb-bridge package --operator <operator.json> --profile <name> --out <dir> [--app-dir <built app>]
      Builds the TV app's release build (or takes --app-dir, e.g. tv-app/dist-release) and
      writes madoguchi-tv-<version>-<operator>-<profile>.tar.gz, its manifest signed with the
      operator's key. An app that holds the test hook (tv-app/dist) is refused. Build time:
      SOURCE_DATE_EPOCH, else the operator file's buildTime, else the last git commit.
  stb-bridge verify <package.tar.gz> --public-key <public key PEM>
      Checks the signature and every file; names each file that is wrong.
  stb-bridge keygen --out <dir>
      Writes a new Ed25519 key pair: signing-key.pem (mode 0600) and signing-key.pub.pem.

Exit status: 0 done, 1 verification or build failed, 2 wrong usage or input.`;

class UsageError extends Error {}

export interface Output {
  out(line: string): void;
  err(line: string): void;
}

const consoleOutput: Output = {
  out: (line) => console.log(line),
  err: (line) => console.error(line),
};

export async function main(argv: readonly string[], output: Output = consoleOutput): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'package':
        return await packageCommand(rest, output);
      case 'verify':
        return await verifyCommand(rest, output);
      case 'keygen':
        return await keygenCommand(rest, output);
      case 'help':
      case '--help':
      case '-h':
        output.out(USAGE);
        return EXIT.ok;
      default:
        throw new UsageError(command ? `unknown command "${command}"` : 'no command given');
    }
  } catch (error) {
    return reportError(error, output);
  }
}

function reportError(error: unknown, output: Output): number {
  if (error instanceof UsageError) {
    output.err(`stb-bridge: ${error.message}\n\n${USAGE}`);
    return EXIT.usage;
  }
  if (error instanceof OperatorFileError) {
    output.err(`stb-bridge: the operator file is not valid: ${error.file}`);
    for (const problem of error.problems) output.err(`  - ${problem}`);
    return EXIT.usage;
  }
  if (
    error instanceof SigningKeyError ||
    error instanceof PackageInputError ||
    error instanceof KeyMapOverrideError ||
    error instanceof TarFormatError
  ) {
    output.err(`stb-bridge: ${error.message}`);
    return EXIT.usage;
  }
  if (error instanceof BuildError) {
    output.err(`stb-bridge: ${error.message}`);
    return EXIT.failed;
  }
  throw error;
}

function parse<T extends Record<string, { type: 'string' | 'boolean' }>>(
  args: readonly string[],
  options: T,
  positionals: number,
) {
  let parsed;
  try {
    parsed = parseArgs({ args: [...args], options, allowPositionals: positionals > 0, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (parsed.positionals.length > positionals)
    throw new UsageError(`unexpected argument "${parsed.positionals[positionals]}"`);
  return parsed;
}

function required(values: Record<string, unknown>, name: string): string {
  const value = values[name];
  if (typeof value !== 'string' || value === '') throw new UsageError(`--${name} is required`);
  return value;
}

async function packageCommand(args: readonly string[], output: Output): Promise<number> {
  const { values } = parse(
    args,
    {
      operator: { type: 'string' },
      profile: { type: 'string' },
      out: { type: 'string' },
      'app-dir': { type: 'string' },
    },
    0,
  );
  const operator = await loadOperatorFile(required(values, 'operator'));
  const appDir = values['app-dir'];
  if (!appDir) output.err('stb-bridge: building the TV app…');
  const result = await createPackage({
    operator,
    profile: required(values, 'profile'),
    outDir: required(values, 'out'),
    ...(appDir ? { appDir } : {}),
  });
  output.out(result.file);
  output.err(
    `stb-bridge: ${result.manifest.files.length} files, ${result.size} bytes, sha256 ${result.sha256}; ` +
      `build time ${result.manifest.buildTime} (${result.buildTimeSource}); key id ${result.manifest.signer.keyId.slice(0, 16)}…`,
  );
  return EXIT.ok;
}

async function verifyCommand(args: readonly string[], output: Output): Promise<number> {
  const { values, positionals } = parse(args, { 'public-key': { type: 'string' } }, 1);
  const packagePath = positionals[0];
  if (!packagePath) throw new UsageError('the package to verify is required');
  const publicKey = await loadPublicKey(required(values, 'public-key'));
  const result = await verifyPackage(packagePath, publicKey);
  if (result.ok && result.manifest) {
    const { manifest } = result;
    output.out(
      `OK ${packagePath}: ${manifest.name} ${manifest.version} for ${manifest.operator.id}, profile ` +
        `${manifest.profile.name}, ${manifest.files.length} files, signed by key ${manifest.signer.keyId.slice(0, 16)}…`,
    );
    return EXIT.ok;
  }
  output.err(`FAILED ${packagePath}: ${result.problems.length} problem(s)`);
  for (const { file, problem } of result.problems) output.err(`  ${file}: ${problem}`);
  return EXIT.failed;
}

async function keygenCommand(args: readonly string[], output: Output): Promise<number> {
  const { values } = parse(args, { out: { type: 'string' } }, 0);
  const keys = await generateKeyPairFiles(required(values, 'out'));
  output.out(keys.privateKey);
  output.out(keys.publicKey);
  output.err(`stb-bridge: key id ${keys.keyId}; keep ${keys.privateKey} secret (mode 0600)`);
  return EXIT.ok;
}
