import { describe, expect, it } from "vitest";
import { reasonIn } from "./assist-panel.tsx";

describe("why transcription paused, in the agent's language", () => {
  it("reads the recognizer's common reasons in Chinese and leaves English as the server said it", () => {
    const behind = "recognition fell more than 10 s behind; audio is dropped until it catches up";
    expect(reasonIn(behind, "en")).toBe(behind);
    expect(reasonIn(behind, "zh-CN")).toBe("识别落后超过 10 秒：暂时跳过音频，赶上后自动继续");
    expect(reasonIn("no offline Mandarin model; set ATRIUM_ASR_URL", "zh-CN")).toContain("中文识别模型");
    expect(reasonIn("the recognizer process exited (signal SIGKILL); restarting", "zh-CN")).toContain("重启");
    expect(reasonIn("something new", "zh-CN")).toBe("something new");
  });
});
