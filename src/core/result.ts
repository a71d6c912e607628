/** The outcome of parsing user input: a value, or a message that says what to type instead. */
export type Parsed<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly message: string };

export const accept = <T>(value: T): Parsed<T> => ({ ok: true, value });
export const refuse = <T = never>(message: string): Parsed<T> => ({ ok: false, message });
