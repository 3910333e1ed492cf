/**
 * Where the city looks citizens up: the identity provider's directory. In sandbox mode the demo
 * citizens; a production directory (the provider's own API) is configured per city.
 */
export interface DirectoryEntry {
  subject: string;
  name: string;
  birthDate: string;
  area: string;
  household: { name: string; relation: string; birthDate: string }[];
  children: { name: string; birthDate: string }[];
}

export interface CitizenDirectory {
  readonly issuer: string;
  search(name: string, birthDate?: string): DirectoryEntry[];
  bySubject(subject: string): DirectoryEntry | undefined;
}
