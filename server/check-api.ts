import type { IncomingMessage, ServerResponse } from "node:http";
import type { types } from "mediasoup";
import { z } from "zod";
import type { Logger } from "../game-server/logging/logger.ts";
import type { MediaHub } from "../sfu/media-hub.ts";
import { ProbeStateError, type NetworkProbe } from "../sfu/network-probe.ts";
import { NetworkProbes, ProbeLimitError } from "../sfu/network-probes.ts";
import { HttpError, readJson, sendJson } from "./http-json.ts";

export interface CheckApiDeps {
  media: Pick<MediaHub, "openProbeRouter">;
  log: Logger;
}

// mediasoup validates these again; here they are bounded so nothing odd reaches the worker.
const CreateProbe = z.object({ ttlSeconds: z.number().int().min(1).max(30).optional() });
const Connect = z.object({
  transportId: z.string().min(1).max(64),
  dtlsParameters: z.object({
    role: z.enum(["auto", "client", "server"]).optional(),
    fingerprints: z
      .array(z.object({ algorithm: z.enum(["sha-1", "sha-224", "sha-256", "sha-384", "sha-512"]), value: z.string().regex(/^[0-9A-Fa-f:]{2,200}$/) }))
      .min(1)
      .max(8),
  }),
});
const ProduceData = z.object({
  sctpStreamParameters: z.object({
    streamId: z.number().int().min(0).max(65534),
    ordered: z.boolean().optional(),
    maxPacketLifeTime: z.number().int().min(0).max(65535).optional(),
    maxRetransmits: z.number().int().min(0).max(65535).optional(),
  }),
  label: z.string().max(32).default(""),
  protocol: z.string().max(32).default(""),
});

const probePath = /^\/api\/check\/probes\/([0-9a-f-]{36})(?:\/(connect|produce-data|consume-data))?$/;

/** One set of probes per SFU, made on first use, so registering the routes takes one line. */
const registries = new WeakMap<object, NetworkProbes>();

/**
 * The device-check page's network test, over plain HTTP JSON so it works without joining a hall:
 *
 *   POST   /api/check/probes                   {ttlSeconds?} → 201 {id, expiresAt, routerRtpCapabilities, send, recv}
 *   POST   /api/check/probes/:id/connect       {transportId, dtlsParameters} → 200
 *   POST   /api/check/probes/:id/produce-data  {sctpStreamParameters, label, protocol} → 201 {dataProducerId}
 *   POST   /api/check/probes/:id/consume-data  → 201 {dataConsumerId, dataProducerId, sctpStreamParameters, label, protocol}
 *   GET    /api/check/probes/:id               → 200 ProbeStats (what the SFU saw)
 *   DELETE /api/check/probes/:id               → 204
 *
 * A probe belongs to the address that opened it; others get 404 for it.
 * Returns false when the path is not under /api/check/.
 */
export async function handleCheckApi(req: IncomingMessage, res: ServerResponse, url: URL, deps: CheckApiDeps): Promise<boolean> {
  if (!url.pathname.startsWith("/api/check/")) return false;
  const probes = registryFor(deps.media);
  const owner = clientAddress(req);

  if (url.pathname === "/api/check/probes") {
    if (req.method !== "POST") throw methodNotAllowed(res, "POST");
    const { ttlSeconds } = parse(CreateProbe, await readJson(req));
    const probe = await probes.open(owner, (ttlSeconds ?? 30) * 1000).catch((error: unknown) => {
      if (error instanceof ProbeLimitError) {
        res.setHeader("retry-after", "30");
        throw new HttpError(error.scope === "owner" ? 429 : 503, error.message);
      }
      deps.log.error("could not open a network probe", { error });
      throw new HttpError(503, "the media server cannot run a network check right now");
    });
    deps.log.debug("network probe opened", { probeId: probe.id, owner });
    sendJson(res, 201, { id: probe.id, expiresAt: probe.expiresAt, routerRtpCapabilities: probe.routerRtpCapabilities, send: probe.send, recv: probe.recv });
    return true;
  }

  const match = probePath.exec(url.pathname);
  if (!match) throw new HttpError(404, `no route ${req.method} ${url.pathname}`);
  const [, id, action] = match as unknown as [string, string, string | undefined];
  const probe = probes.get(id, owner);
  const expectedMethod = action ? "POST" : req.method === "DELETE" ? "DELETE" : "GET";
  if (req.method !== expectedMethod) throw methodNotAllowed(res, action ? "POST" : "GET, DELETE");
  if (!probe) throw new HttpError(404, `no network check ${id} (it may have expired)`);

  if (action === "connect") {
    const m = parse(Connect, await readJson(req));
    await refusalsAsHttp(probe, () => probe.connect(m.transportId, m.dtlsParameters as types.DtlsParameters));
    sendJson(res, 200, { ok: true });
  } else if (action === "produce-data") {
    const m = parse(ProduceData, await readJson(req));
    const dataProducerId = await refusalsAsHttp(probe, () => probe.produceData(m.sctpStreamParameters, m.label, m.protocol));
    sendJson(res, 201, { dataProducerId });
  } else if (action === "consume-data") {
    sendJson(res, 201, await refusalsAsHttp(probe, () => probe.consumeData()));
  } else if (req.method === "DELETE") {
    probe.close();
    res.writeHead(204, { "cache-control": "no-store" }).end();
  } else {
    sendJson(res, 200, await probe.stats());
  }
  return true;
}

function registryFor(media: CheckApiDeps["media"]): NetworkProbes {
  let probes = registries.get(media);
  if (!probes) registries.set(media, (probes = new NetworkProbes(() => media.openProbeRouter())));
  return probes;
}

/**
 * The socket's peer address. Forwarded-for headers are not trusted: anyone could send one to
 * dodge the per-address limit, and Atrium is served directly today.
 */
function clientAddress(req: IncomingMessage): string {
  const address = req.socket.remoteAddress ?? "unknown";
  return address.startsWith("::ffff:") ? address.slice(7) : address;
}

function parse<T>(schema: z.ZodType<T>, body: unknown): T {
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new HttpError(400, issue ? `${issue.path.join(".") || "body"}: ${issue.message}` : "invalid request");
}

function methodNotAllowed(res: ServerResponse, allow: string): HttpError {
  res.setHeader("allow", allow);
  return new HttpError(405, `use ${allow} here`);
}

/** What the SFU refuses is the client's mistake (4xx), told in the SFU's own words. */
async function refusalsAsHttp<T>(probe: NetworkProbe, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (probe.closed) throw new HttpError(404, "this network check has expired");
    const message = error instanceof Error ? error.message : String(error);
    if (error instanceof TypeError) throw new HttpError(400, message);
    throw new HttpError(409, error instanceof ProbeStateError ? message : `the media server refused: ${message}`);
  }
}
