import type { AckError, TvCard } from '@madoguchi/shared';
import { useCallback, useRef, useState } from 'preact/hooks';
import { useConsole } from './context';
import { request, toAckError } from './staffRequest';

export interface SentCard {
  cardId: string;
  kind: TvCard['kind'];
  /** What the officer is told was shown: an i18n key and its values (drawn in the current language). */
  message: { key: string; params?: Record<string, string | number> };
  /** Which card sent it (a booking id, an information card id), to say it beside that one. */
  source: string;
}

export interface SendCardState {
  /** The source being sent, while it is. */
  sending: string | null;
  sent: SentCard | null;
  error: { source: string; kind: TvCard['kind']; error: AckError } | null;
}

/**
 * `tv:card` for this call. The TV draws the card over the call and the citizen closes it with
 * Back. One card at a time: a second press while one is on its way does nothing.
 */
export function useSendCard(consultationId: string) {
  const { socket } = useConsole();
  const [state, setState] = useState<SendCardState>({ sending: null, sent: null, error: null });
  const busy = useRef(false);

  const send = useCallback(
    async (card: TvCard, source: string, message: SentCard['message']): Promise<boolean> => {
      if (busy.current) return false;
      busy.current = true;
      setState({ sending: source, sent: null, error: null });
      try {
        const { cardId } = await request(socket, 'tv:card', { consultationId, card });
        setState({ sending: null, sent: { cardId, kind: card.kind, message, source }, error: null });
        return true;
      } catch (error) {
        setState({ sending: null, sent: null, error: { source, kind: card.kind, error: toAckError(error) } });
        return false;
      } finally {
        busy.current = false;
      }
    },
    [socket, consultationId],
  );

  const clear = useCallback(() => setState({ sending: null, sent: null, error: null }), []);
  return { ...state, send, clear };
}
