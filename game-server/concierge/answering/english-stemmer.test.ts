import { expect, it } from "vitest";
import { stemEnglish } from "./english-stemmer.ts";

it("maps a word's forms to one key", () => {
  const same = [
    ["battery", "batteries"],
    ["charge", "charging", "charges", "charged"],
    ["deliver", "delivered", "delivering"],
    ["ship", "shipping", "shipped"],
    ["phone", "phones"],
    ["box", "boxes"],
  ];
  for (const forms of same) expect(new Set(forms.map(stemEnglish)), forms.join(", ")).toHaveProperty("size", 1);
});

it("leaves short words, numbers and words ending in ss/us/is alone", () => {
  for (const word of ["tv", "pin", "5g", "128", "glass", "bonus", "analysis"]) expect(stemEnglish(word)).toBe(word);
});

it("keeps unrelated words apart", () => {
  expect(stemEnglish("card")).not.toBe(stemEnglish("cart"));
  expect(stemEnglish("saving")).not.toBe(stemEnglish("sailing"));
});
