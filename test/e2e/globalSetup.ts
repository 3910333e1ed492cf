import { readFileSync, readdirSync, rmSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { provideThrowawayPostgres } from '../support/postgres.js';
import { outputDir } from './support/paths.js';

const RUN = 'e2e-run';

/**
 * Before the suite: a clean run folder and a throwaway PostgreSQL (`inject('postgres')`) for the
 * files that run the system on it. After it: the cluster is removed, then the privacy scan. Every
 * database file and JSON log the servers wrote is searched for a My Number, a token or a password
 * in clear; one finding fails the run.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  rmSync(outputDir(RUN), { recursive: true, force: true });
  process.env.MADOGUCHI_E2E_RUN = RUN;
  const removePostgres = await provideThrowawayPostgres(project);
  return async () => {
    await removePostgres();
    const findings = scanRun(outputDir(RUN));
    if (findings.length > 0) {
      throw new Error(
        `Privacy scan after the e2e suite found:\n${findings.map((f) => `  - ${f}`).join('\n')}`,
      );
    }
  };
}

/** Passwords the system and the suite use: none may be stored or logged. */
const PASSWORDS = ['madoguchi-demo', 'omura-demo', 'correct horse battery'];
/** Our bearer secrets carry a prefix, so a leak is easy to see. */
const TOKEN = /\b(mdt|mss|mdc|csrf)_[A-Za-z0-9_-]{20,}/g;
/** Twelve digits on their own (4-4-4 groups allowed), as a person would write a My Number. */
const TWELVE_DIGITS = /(?<![0-9A-Za-z])\d{4}[ -]?\d{4}[ -]?\d{4}(?![0-9A-Za-z])/g;

function isMyNumber(digits: string): boolean {
  let sum = 0;
  for (let n = 1; n <= 11; n += 1) sum += Number(digits[11 - n]) * (n <= 6 ? n + 1 : n - 5);
  const remainder = sum % 11;
  return (remainder <= 1 ? 0 : 11 - remainder) === Number(digits[11]);
}

export function scanRun(dir: string): string[] {
  const files: string[] = [];
  const logs = join(dir, 'logs');
  if (existsSync(logs)) {
    for (const name of readdirSync(logs)) if (name.endsWith('.log')) files.push(join(logs, name));
  }
  const list = join(dir, 'data-dirs.txt');
  const dataDirs = existsSync(list) ? readFileSync(list, 'utf8').split('\n').filter(Boolean) : [];
  for (const dataDir of new Set(dataDirs)) {
    if (!existsSync(dataDir)) continue;
    for (const name of readdirSync(dataDir))
      if (name.startsWith('madoguchi.db')) files.push(join(dataDir, name));
  }
  const findings: string[] = [];
  for (const file of files) {
    const text = readFileSync(file).toString('latin1');
    const utf8 = readFileSync(file).toString('utf8');
    for (const match of text.matchAll(TOKEN)) findings.push(`${file}: a token in clear (${match[1]}_…)`);
    for (const password of PASSWORDS)
      if (utf8.includes(password)) findings.push(`${file}: the password "${password}"`);
    for (const match of text.matchAll(TWELVE_DIGITS)) {
      if (isMyNumber(match[0].replace(/[ -]/g, '')))
        findings.push(`${file}: a My Number (${match[0].slice(0, 4)}…)`);
    }
  }
  if (files.length === 0) findings.push(`nothing to scan in ${dir}: the servers' files were not found`);
  return findings;
}
