"use client";
import { useCallback, useEffect, useState } from "react";
import { currentStaff, type StaffUser } from "../signin/staff-auth-client.ts";
import { gateFor, signInHref, type StaffRole } from "./staff-gate.ts";

export type StaffGate =
  | { at: "checking" }
  | { at: "signing-in" }
  | { at: "allowed"; user: StaffUser }
  | { at: "forbidden"; user: StaffUser }
  | { at: "failed"; retry: () => void };

/**
 * Who is signed in, for a page meant for `roles`: a signed-out visitor is sent to
 * `/signin?next=<this page>`; a signed-in one of another role is told the page is not for them
 * (the server refuses them anyway: this only saves them a page of errors).
 */
export function useStaff(roles: readonly StaffRole[]): StaffGate {
  const [gate, setGate] = useState<StaffGate>({ at: "checking" });
  const key = roles.join(",");
  const [attempt, setAttempt] = useState(0);
  const retry = useCallback(() => setAttempt((n) => n + 1), []);

  useEffect(() => {
    let live = true;
    setGate({ at: "checking" });
    currentStaff().then(
      (user) => {
        if (!live) return;
        const verdict = gateFor(user, key.split(",") as StaffRole[]);
        if (verdict === "sign-in" || !user) {
          setGate({ at: "signing-in" });
          window.location.replace(signInHref(window.location.pathname, window.location.search));
        } else setGate({ at: verdict, user });
      },
      () => live && setGate({ at: "failed", retry }),
    );
    return () => {
      live = false;
    };
  }, [key, attempt, retry]);

  return gate;
}
