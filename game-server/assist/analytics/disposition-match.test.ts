import { describe, expect, it } from "vitest";
import { deskConfigFor } from "../../service/desk-config.ts";
import { type Disposition, suggestDisposition } from "./disposition-match.ts";

const desk = deskConfigFor("nova-electronics").dispositions;
const withRefund: Disposition[] = [...desk, { code: "refund", label: { en: "Refund issued", "zh-CN": "已退款" } }];
const en = (...texts: string[]) => texts.map((text) => ({ text, lang: "en" as const }));
const zh = (...texts: string[]) => texts.map((text) => ({ text, lang: "zh-CN" as const }));

describe("suggestDisposition", () => {
  it("picks a disposition by the words of its code and label, or words meaning the same", () => {
    expect(suggestDisposition(en("My screen cracked and the touch is broken", "I'll book a screen repair"), desk)).toBe("fault");
    expect(suggestDisposition(zh("手机屏幕摔碎了", "我给您登记维修"), desk)).toBe("fault");
    expect(suggestDisposition(en("I want to make a complaint, this is unacceptable"), desk)).toBe("complaint");
    expect(suggestDisposition(en("Can I book an appointment for Saturday?", "Your appointment is booked"), desk)).toBe("appointment");
  });

  it("picks refund where the hall has such a code", () => {
    expect(suggestDisposition(en("I was charged twice", "I'll refund the second charge today"), withRefund)).toBe("refund");
    expect(suggestDisposition(zh("被重复扣款了", "我这边给您安排退款"), withRefund)).toBe("refund");
    // The demo desk has no refund code: a refund alone fits none of it.
    expect(suggestDisposition(en("I was charged twice", "I'll refund the second charge today"), desk)).toBeUndefined();
  });

  it("suggests nothing when nothing fits", () => {
    expect(suggestDisposition(en("What time do you open on Sunday?", "We open at ten."), desk)).toBeUndefined();
    expect(suggestDisposition(en("I have a question"), desk)).toBeUndefined();
    expect(suggestDisposition([], desk)).toBeUndefined();
    expect(suggestDisposition(en("my screen is broken"), [])).toBeUndefined();
  });
});
