import { createWorker } from "mediasoup";
import { describe, expect, it } from "vitest";
import { mediaCodecs } from "./media-config.ts";

/** Integration: the codecs a real router offers, with the feedback weak networks need. */
describe("router codecs", () => {
  it("offer Opus with in-band FEC and DTX, and video with NACK, PLI, FIR and transport-wide congestion control", async () => {
    const worker = await createWorker({ logLevel: "warn" });
    try {
      const router = await worker.createRouter({ mediaCodecs });
      const feedback = (mime: string) => {
        const codec = router.rtpCapabilities.codecs?.find((c) => c.mimeType === mime);
        return { parameters: codec?.parameters, fb: (codec?.rtcpFeedback ?? []).map((f) => [f.type, f.parameter ?? ""].join(" ").trim()) };
      };
      const opus = feedback("audio/opus");
      expect(opus.parameters).toMatchObject({ useinbandfec: 1, usedtx: 1 });
      expect(opus.fb).toContain("transport-cc");
      for (const mime of ["video/VP8", "video/H264"]) {
        expect(feedback(mime).fb).toEqual(expect.arrayContaining(["nack", "nack pli", "ccm fir", "transport-cc"]));
      }
      expect(router.rtpCapabilities.headerExtensions?.map((h) => h.uri)).toContain("http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01");
    } finally {
      worker.close();
    }
  });
});
