// Reading Platform API models whose field names the compiler checks and whose values are checked at
// run time. Detection's input is typed with the SDK's models (what Genesys documents), but it comes
// over the network and, through text and attributes, from customers: each read below takes a field
// name that must exist on the model type (a renamed field breaks `tsc`), and returns the value only
// when it has the expected JSON kind. An element typed `Models.X` may still be anything at run time;
// every read of it goes through these functions again, which accept any value.
import { obj, str } from './json-access.ts';

/** A field name of any member of a union of models (`Conversation | MessageConversation`). */
export type FieldName<T> = T extends unknown ? keyof T & string : never;

/** The type of that field, across the members that have it. */
export type FieldType<T, K extends string> = T extends unknown ? (K extends keyof T ? T[K] : never) : never;

type ElementOf<A> = A extends readonly (infer E)[] ? E : never;

function raw(model: unknown, name: string): unknown {
  return obj(model)?.[name];
}

/** An array field: its elements, typed as the model's (each still read through these functions). */
export function listOf<T, K extends FieldName<T>>(
  model: T | undefined,
  name: K,
): readonly ElementOf<NonNullable<FieldType<T, K>>>[] {
  const value = raw(model, name);
  return Array.isArray(value) ? value : [];
}

/** An object field, or undefined when it is anything else. */
export function objectOf<T, K extends FieldName<T>>(
  model: T | undefined,
  name: K,
): NonNullable<FieldType<T, K>> | undefined {
  return obj(raw(model, name)) as NonNullable<FieldType<T, K>> | undefined;
}

/** A non-empty string field, or undefined. */
export function textOf<T, K extends FieldName<T>>(model: T | undefined, name: K): string | undefined {
  return str(raw(model, name));
}

/** A field's value as sent, for checks of its own (numbers, booleans, presence). */
export function fieldValue<T, K extends FieldName<T>>(model: T | undefined, name: K): unknown {
  return raw(model, name);
}

/** True when the field holds an array (a communication with message details, a listing with entities). */
export function hasList<T, K extends FieldName<T>>(model: T | undefined, name: K): boolean {
  return Array.isArray(raw(model, name));
}
