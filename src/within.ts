/**
 * The value of `promise` if it settles within `ms`, else undefined (the promise carries on).
 * Chat platforms want an answer within three seconds: adapters reply at once when the work was
 * quick, and acknowledge first when it was not.
 */
export async function within<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      promise,
      new Promise<undefined>((r) => (timer = setTimeout(() => r(undefined), ms))),
    ]);
  } finally {
    clearTimeout(timer);
  }
}
