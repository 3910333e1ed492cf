import { DeviceRequestError, type DeviceChannelState } from '@madoguchi/stb-bridge';

type Handler = (payload: unknown) => unknown;

/**
 * For the tests of what sits on the device channel (household, video counter): answers from a
 * table, pushes and state changes on demand.
 */
export class FakeDeviceChannel {
  state: DeviceChannelState = 'online';
  readonly sent: { event: string; payload: unknown }[] = [];
  readonly handlers: Record<string, Handler> = {};
  private readonly stateListeners = new Set<(state: DeviceChannelState) => void>();
  private readonly pushListeners = new Map<string, Set<(payload: unknown) => void>>();

  on(_event: 'state', listener: (state: DeviceChannelState) => void): () => void {
    this.stateListeners.add(listener);
    return () => this.stateListeners.delete(listener);
  }

  send(event: string, payload: unknown): Promise<unknown> {
    // As the real channel: refused at once (a throw, not a rejection) unless online.
    if (this.state !== 'online') throw DeviceRequestError.of('SERVER_UNREACHABLE');
    this.sent.push({ event, payload });
    const handler = this.handlers[event];
    return Promise.resolve().then(() => {
      if (!handler) throw DeviceRequestError.of('NOT_FOUND');
      return handler(payload);
    });
  }

  onServer(event: string, listener: (payload: unknown) => void): () => void {
    const set = this.pushListeners.get(event) ?? new Set();
    set.add(listener);
    this.pushListeners.set(event, set);
    return () => set.delete(listener);
  }

  push(event: string, payload: unknown): void {
    for (const listener of this.pushListeners.get(event) ?? []) listener(payload);
  }

  setState(state: DeviceChannelState): void {
    this.state = state;
    for (const listener of this.stateListeners) listener(state);
  }

  events(): string[] {
    return this.sent.map((request) => request.event);
  }
}
