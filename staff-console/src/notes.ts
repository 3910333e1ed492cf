import { containsMyNumber, errorKey, type AckError } from '@madoguchi/shared';

export const NOTES_MAX = 2000;

export type NotesProblem = 'myNumber' | 'tooLong' | 'invalid';

/** The server refused the notes because they hold a My Number (its own code, or a field error saying so). */
export function isMyNumberRefusal(error: AckError | null | undefined): boolean {
  if (!error) return false;
  return (
    error.code === 'MY_NUMBER_REFUSED' ||
    (error.code === 'PAYLOAD_INVALID' && error.message === errorKey('MY_NUMBER_REFUSED'))
  );
}

export interface NotesCheck {
  /** The server refused the notes last sent with MY_NUMBER_REFUSED. */
  refused: boolean;
  /** The notes last sent, so the server's refusal goes away once they are changed. */
  sent: string | null;
  /** The server named `notes` among the invalid fields. */
  invalidField: boolean;
}

/**
 * What is wrong with the notes, checked before they are sent and kept in step with what the
 * server said. A My Number is never sent: the same check the server makes runs here first.
 */
export function notesProblem(notes: string, check: NotesCheck): NotesProblem | null {
  if (containsMyNumber(notes) || (check.refused && notes === check.sent)) return 'myNumber';
  if (notes.length > NOTES_MAX) return 'tooLong';
  if (check.invalidField && notes === check.sent) return 'invalid';
  return null;
}
