import type { z } from 'zod';
import type { AckCallback } from '../errors.js';

/**
 * The type of a request's answer. It exists for the compiler only (the value is an empty
 * object): the table carries the payload's schema as a value and the reply as a type, so one
 * entry says both.
 */
export interface Reply<T> {
  readonly __reply: T;
}

/** A server-to-client push and the payload it carries (a type only, like `Reply`). */
export interface Push<T> {
  readonly __push: T;
}

/** One request of a namespace: the schema the server validates the payload with, and its reply. */
export interface RequestSpec<S extends z.ZodType = z.ZodType, R = unknown> {
  readonly payload: S;
  readonly reply: Reply<R>;
}

export type RequestTable = Readonly<Record<string, RequestSpec>>;
export type PushTable = Readonly<Record<string, Push<unknown>>>;

// A phantom: only the type parameter matters, nothing reads the value.
export const reply = <T>(): Reply<T> => ({}) as Reply<T>;
export const push = <T>(): Push<T> => ({}) as Push<T>;

export function request<S extends z.ZodType, R>(payload: S, answer: Reply<R>): RequestSpec<S, R> {
  return { payload, reply: answer };
}

/** What a client sends (before the schema's defaults apply). */
export type PayloadIn<Spec extends RequestSpec> = z.input<Spec['payload']>;
/** What the server's handler receives (after validation). */
export type PayloadOut<Spec extends RequestSpec> = z.output<Spec['payload']>;
export type ReplyOf<Spec extends RequestSpec> = Spec['reply']['__reply'];
export type PushOf<P extends Push<unknown>> = P['__push'];

/** socket.io's client-to-server event map for a request table: every request carries an ack. */
export type ClientToServerEvents<T extends RequestTable> = {
  [K in keyof T]: (payload: PayloadIn<T[K]>, ack: AckCallback<ReplyOf<T[K]>>) => void;
};

/** socket.io's server-to-client event map for a push table. */
export type ServerToClientEvents<T extends PushTable> = {
  [K in keyof T]: (payload: PushOf<T[K]>) => void;
};
