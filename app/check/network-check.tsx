"use client";
import { useCallback, useEffect, useRef, useState } from "react";
import styles from "./check.module.css";
import { runNetworkCheck, type NetworkCheckResult } from "./network-probe-client.ts";
import { judgeNetwork } from "./network-verdict.ts";

type CheckState = { status: "running"; received: number; total: number } | { status: "done"; result: NetworkCheckResult } | { status: "failed"; message: string };

const verdictLabel = { good: "Good", fair: "Fair", poor: "Poor" } as const;

/** Round trip to the media server, measured through it, with a verdict in plain words. Runs on open. */
export function NetworkCheck() {
  const [state, setState] = useState<CheckState>({ status: "running", received: 0, total: 20 });
  const running = useRef<AbortController | undefined>(undefined);

  const run = useCallback(async () => {
    running.current?.abort();
    const controller = (running.current = new AbortController());
    setState({ status: "running", received: 0, total: 20 });
    try {
      const result = await runNetworkCheck({ pings: 20, signal: controller.signal, onProgress: (received, total) => setState({ status: "running", received, total }) });
      if (!controller.signal.aborted) setState({ status: "done", result });
    } catch (error) {
      if (!controller.signal.aborted) setState({ status: "failed", message: error instanceof Error ? error.message : String(error) });
    }
  }, []);

  useEffect(() => {
    // Deferred a tick: under React's strict-mode double mount the first run is cancelled before it asks the server.
    const timer = setTimeout(() => void run(), 0);
    return () => {
      clearTimeout(timer);
      running.current?.abort();
    };
  }, [run]);

  if (state.status === "running") {
    return (
      <div className={styles.network} data-testid="network-check" data-status="running">
        <p className={styles.hint} aria-live="polite">
          Measuring the round trip to the media server… {state.received > 0 && `${state.received} of ${state.total}`}
        </p>
        <div className={styles.progress}>
          <div style={{ width: `${(state.received / state.total) * 100}%` }} />
        </div>
      </div>
    );
  }
  if (state.status === "failed") {
    const judgement = judgeNetwork({ sent: 0, received: 0 });
    return (
      <div className={styles.network} data-testid="network-check" data-status="failed" data-verdict="poor">
        <span className={`${styles.verdict} ${styles.poor}`}>Poor</span>
        <p className={styles.problemText} role="alert">
          {state.message}
        </p>
        <p className={styles.hint}>{judgement.summary}</p>
        <button type="button" className="secondary" onClick={() => void run()}>
          Check again
        </button>
      </div>
    );
  }
  const r = state.result;
  const judgement = judgeNetwork(r);
  return (
    <div className={`${styles.network} ${styles.networkDone}`} data-testid="network-check" data-status="done" data-rtt-ms={r.rttMs} data-protocol={r.protocol} data-verdict={judgement.verdict}>
      <div className={styles.networkSummary}>
        <div className={styles.row}>
          <span className={`${styles.verdict} ${styles[judgement.verdict]}`}>{verdictLabel[judgement.verdict]}</span>
          <span className={styles.rtt}>
            {r.rttMs !== undefined ? (
              <>
                <strong data-testid="rtt">{r.rttMs.toFixed(r.rttMs < 10 ? 1 : 0)}</strong> ms round trip
              </>
            ) : (
              "no round trip"
            )}
          </span>
        </div>
        <p className={styles.hint}>{judgement.summary}</p>
        <button type="button" className="secondary" onClick={() => void run()}>
          Check again
        </button>
      </div>
      <dl className={styles.facts}>
        <dt>Connection</dt>
        <dd data-testid="protocol">{r.protocol ? `${r.protocol.toUpperCase()}${r.candidateType ? ` (${r.candidateType})` : ""}` : "unknown"}</dd>
        <dt>Echoes back</dt>
        <dd>
          {r.received} of {r.sent}
        </dd>
        {r.minMs !== undefined && (
          <>
            <dt>Fastest / slowest</dt>
            <dd>
              {r.minMs} / {r.maxMs} ms
            </dd>
          </>
        )}
        {r.iceRttMs !== undefined && (
          <>
            <dt>ICE round trip</dt>
            <dd>{r.iceRttMs} ms</dd>
          </>
        )}
        <dt>Path</dt>
        <dd>this browser → media server → this browser</dd>
      </dl>
    </div>
  );
}
