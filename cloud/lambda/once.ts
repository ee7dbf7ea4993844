// One value per Lambda instance, built at the first invocation and reused by every invocation after: apart from
// runtime.ts so that a function without the database (the WebSocket one) can use it without bundling the pool.

/** Built at the first call; a failed build is tried again at the next. */
export function once<T>(build: () => Promise<T>): () => Promise<T> {
  let built: Promise<T> | undefined;
  return () =>
    (built ??= build().catch((error: unknown) => {
      built = undefined;
      throw error;
    }));
}
