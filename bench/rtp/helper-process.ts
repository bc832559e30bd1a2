import { fork, type ChildProcess } from "node:child_process";

/** A helper's requests: for each operation, what it is given and what it answers. */
export type HelperApi = Record<string, { args: object; reply: unknown }>;

type Handlers<Api extends HelperApi> = { [Op in keyof Api]: (args: Api[Op]["args"]) => Api[Op]["reply"] | Promise<Api[Op]["reply"]> };

interface RequestMessage {
  id: number;
  op: string;
  args: object;
}

interface ReplyMessage {
  id: number;
  reply?: unknown;
  error?: string;
}

/**
 * A small Node process a benchmark drives by request and reply over IPC. Load generators and
 * packet counters run in their own processes so that their CPU is measured apart from the
 * SFU worker's and ours, and so they do not steal our event loop while we measure.
 */
export class HelperProcess<Api extends HelperApi> {
  readonly #child: ChildProcess;
  readonly #pending = new Map<number, { resolve: (reply: unknown) => void; reject: (error: Error) => void }>();
  #nextId = 1;
  #exited = false;

  private constructor(child: ChildProcess) {
    this.#child = child;
    child.on("message", (message: ReplyMessage) => {
      const waiter = this.#pending.get(message.id);
      this.#pending.delete(message.id);
      if (message.error !== undefined) waiter?.reject(new Error(message.error));
      else waiter?.resolve(message.reply);
    });
    child.on("exit", (code, signal) => {
      this.#exited = true;
      const error = new Error(`helper process exited (code ${code}, signal ${signal})`);
      for (const waiter of this.#pending.values()) waiter.reject(error);
      this.#pending.clear();
    });
  }

  /** Starts `script` (a .ts module that calls `serveRequests`) on the Node running us. */
  static start<Api extends HelperApi>(script: URL): HelperProcess<Api> {
    return new HelperProcess<Api>(fork(script, [], { stdio: ["ignore", "inherit", "inherit", "ipc"] }));
  }

  get pid(): number {
    const pid = this.#child.pid;
    if (pid === undefined) throw new Error("helper process did not start");
    return pid;
  }

  request<Op extends keyof Api & string>(op: Op, args: Api[Op]["args"]): Promise<Api[Op]["reply"]> {
    if (this.#exited) return Promise.reject(new Error("helper process has exited"));
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve: (reply) => resolve(reply as Api[Op]["reply"]), reject });
      const message: RequestMessage = { id, op, args };
      this.#child.send(message);
    });
  }

  /** Disconnects (the helper exits on that) and kills it if it lingers. */
  async stop(): Promise<void> {
    if (this.#exited) return;
    const exited = new Promise<void>((resolve) => this.#child.once("exit", () => resolve()));
    if (this.#child.connected) this.#child.disconnect();
    const timer = setTimeout(() => this.#child.kill("SIGKILL"), 2000);
    await exited;
    clearTimeout(timer);
  }
}

/**
 * The helper's side: answers each request with its handler's result, and exits when the
 * parent disconnects or dies, so no helper outlives its benchmark.
 */
export function serveRequests<Api extends HelperApi>(handlers: Handlers<Api>): void {
  const send = process.send?.bind(process);
  if (!send) throw new Error("this module runs as a helper process (forked with IPC)");
  process.on("message", (message: RequestMessage) => {
    void (async () => {
      let answer: ReplyMessage;
      try {
        const handler = handlers[message.op] as ((args: object) => unknown) | undefined;
        if (!handler) throw new Error(`unknown operation ${message.op}`);
        answer = { id: message.id, reply: await handler(message.args) };
      } catch (error) {
        answer = { id: message.id, error: error instanceof Error ? error.message : String(error) };
      }
      send(answer);
    })();
  });
  process.on("disconnect", () => process.exit(0));
}
