/** Thrown when work outlives its deadline; the work itself cannot be cancelled and may still be running. */
export class DeadlineError extends Error {}

/** `work`, or a DeadlineError after `seconds`: a bench never waits forever on a starved worker. */
export async function withDeadline<T>(work: Promise<T>, seconds: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DeadlineError(`${what} took longer than ${seconds} s`)), seconds * 1000);
  });
  try {
    return await Promise.race([work, deadline]);
  } finally {
    clearTimeout(timer);
  }
}
