/** Input the packager or verifier cannot use: an unknown profile, a missing file. Exit status 2. */
export class PackageInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PackageInputError';
  }
}
