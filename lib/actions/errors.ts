/** Thrown by domain code (also inside a transaction, which it rolls back) to answer the form. */
export class UserError extends Error {
  constructor(
    message: string,
    readonly fieldErrors?: Record<string, string[]>,
  ) {
    super(message);
  }
}
