import { chromium, type Browser } from "playwright-core";

/**
 * Debian's Chromium, headless, with a fake camera and microphone (a beeping tone).
 * `extraArgs` add flags, e.g. `--use-file-for-fake-audio-capture=<wav>` for another sound.
 */
export async function launchChromium(extraArgs: readonly string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--use-fake-ui-for-media-stream",
      "--use-fake-device-for-media-stream",
      "--autoplay-policy=no-user-gesture-required",
      "--enable-unsafe-swiftshader",
      "--use-angle=swiftshader",
      ...extraArgs,
    ],
  });
}
