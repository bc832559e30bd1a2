import { describe, expect, it } from "vitest";
import { normalizedWords, wordErrorRate, wordErrors } from "./word-error-rate.ts";

describe("word error rate", () => {
  it("counts nothing for the same words, whatever the case and punctuation", () => {
    expect(wordErrors("Please send a new screen.", "please send a new screen")).toEqual({ substitutions: 0, deletions: 0, insertions: 0, words: 5 });
    expect(normalizedWords("I'm here, it's 9!")).toEqual(["i'm", "here", "it's", "9"]);
  });

  it("tells substitutions, deletions and insertions apart", () => {
    expect(wordErrors("send a replacement screen for my phone", "send a replacement three for like oh phone")).toEqual({ substitutions: 2, deletions: 0, insertions: 1, words: 7 });
    expect(wordErrors("i was charged twice", "i charged twice")).toEqual({ substitutions: 0, deletions: 1, insertions: 0, words: 4 });
    expect(wordErrors("cancel my order", "")).toEqual({ substitutions: 0, deletions: 3, insertions: 0, words: 3 });
    expect(wordErrors("", "uh")).toEqual({ substitutions: 0, deletions: 0, insertions: 1, words: 0 });
  });

  it("pools utterances by words said, not by utterance", () => {
    const rate = wordErrorRate([wordErrors("a b c d e f g h i j", "a b c d e f g h i j"), wordErrors("yes", "no")]);
    expect(rate).toBeCloseTo(1 / 11, 10);
    expect(wordErrorRate([])).toBe(0);
  });
});
