import { describe, expect, it } from "vitest";
import { readConfig } from "./config.ts";

describe("readConfig", () => {
  it("has working defaults with an empty environment", () => {
    const config = readConfig({});
    expect(config.port).toBe(3000);
    expect(config.dbPath).toMatch(/data\/atrium\.db$/);
    expect(config.sfu.workers).toBeGreaterThanOrEqual(1);
    expect(config.sfu.listenIp).toBe("127.0.0.1");
  });

  it("reads overrides", () => {
    const config = readConfig({ PORT: "4100", ATRIUM_SFU_WORKERS: "3", ATRIUM_RTC_ANNOUNCED_ADDRESS: "203.0.113.7", ATRIUM_LOG_LEVEL: "debug" });
    expect(config).toMatchObject({ port: 4100, logLevel: "debug", sfu: { workers: 3, announcedAddress: "203.0.113.7" } });
  });

  it("names the variable that is wrong", () => {
    expect(() => readConfig({ PORT: "http" })).toThrow(/PORT/);
    expect(() => readConfig({ ATRIUM_RTC_MIN_PORT: "5000", ATRIUM_RTC_MAX_PORT: "4000" })).toThrow(/MIN_PORT/);
  });
});
