"use client";
import { useEffect, useState } from "react";

/** The time, renewed every `everyMs` while the page is open: what makes waits and SLA clocks tick without asking the server. */
export function useNow(everyMs = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}
