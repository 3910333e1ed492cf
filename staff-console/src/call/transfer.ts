/** `topic:<id>` or `staff:<id>`: one list, so one choice, as the contract wants exactly one. */
export function parseTransferTarget(value: string): { topic: string } | { staffId: string } | null {
  const [kind, ...rest] = value.split(':');
  const id = rest.join(':');
  if (!id) return null;
  if (kind === 'topic') return { topic: id };
  if (kind === 'staff') return { staffId: id };
  return null;
}
