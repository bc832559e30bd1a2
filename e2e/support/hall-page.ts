import type { ConsumerStats } from "../../sfu/media-room.ts";
import type { Browser, Page } from "playwright-core";

/**
 * Opens /hall/<id> in a fresh browser context (own storage), enters with `name`, waits for voice
 * (up to `timeoutMs`: several software-rendered pages on a busy machine need longer).
 * `prepare` runs on the new page before it loads (init scripts, exposed functions).
 */
export async function enterHall(browser: Browser, url: string, name: string, hallId = "demo", prepare?: (page: Page) => Promise<void>, timeoutMs = 90_000): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 960, height: 600 } });
  const page = await context.newPage();
  page.on("pageerror", (e) => console.error(`[${name}] page error:`, e.message));
  await prepare?.(page);
  await page.goto(`${url}/hall/${hallId}`);
  await page.getByTestId("lobby-name").fill(name);
  await page.getByTestId("lobby-enter").click();
  await page.waitForFunction(() => window.atrium?.mediaState.status === "on", undefined, { timeout: timeoutMs });
  return page;
}

/** Walks the visitor to a spot the way a floor click does, and waits until the server has them there. */
export async function walkTo(page: Page, x: number, z: number): Promise<void> {
  await page.evaluate(([tx, tz]) => window.atrium!.walkTo(tx!, tz!), [x, z]);
  await page.waitForFunction(
    ([tx, tz]) => {
      const p = window.atrium!.presence.serverPose;
      return Math.hypot(p.x - tx!, p.z - tz!) < 0.2;
    },
    [x, z],
    { timeout: 60_000, polling: 200 },
  );
}

export async function eventually<T>(read: () => Promise<T>, ok: (value: T) => boolean, timeoutMs = 20_000): Promise<T> {
  const start = Date.now();
  let value = await read();
  while (!ok(value)) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out; last value: ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 100));
    value = await read();
  }
  return value;
}

export type ServerConsumer = ConsumerStats;

export async function serverConsumers(url: string): Promise<ServerConsumer[]> {
  const stats = (await (await fetch(`${url}/api/media/stats`)).json()) as { rooms: Record<string, ServerConsumer[]> };
  return Object.values(stats.rooms).flat();
}

export const sessionId = (page: Page) => page.evaluate(() => window.atrium!.presence.sessionId);
