"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";
import type { ReactNode } from "react";
import { useLang, type Lang } from "../_i18n/lang.ts";
import { signinText } from "../signin/signin-text.ts";
import type { StaffUser } from "../signin/staff-auth-client.ts";
import { StaffBar } from "./staff-bar.tsx";
import { rolesInWords, type StaffRole } from "./staff-gate.ts";
import { fill, staffText } from "./staff-text.ts";
import { useStaff, type StaffGate } from "./use-staff.ts";
import styles from "./staff.module.css";

/**
 * A staff page: the bar, then `children` once whoever is signed in may see it — or why not
 * (checking, on the way to sign in, the wrong role, no answer). The page's language comes with
 * the user, so every page below speaks the one the bar's switch chose.
 */
export function StaffPage({ roles, children }: { roles: readonly StaffRole[]; children: (user: StaffUser, lang: Lang) => ReactNode }) {
  const [lang, setLang] = useLang();
  const pathname = usePathname() ?? "/";
  const gate = useStaff(roles);
  const user = gate.at === "allowed" || gate.at === "forbidden" ? gate.user : undefined;
  return (
    <div className={styles.shell}>
      <StaffBar user={user} lang={lang} onLang={setLang} pathname={pathname} />
      <main id="main" tabIndex={-1} className={styles.main} aria-busy={gate.at === "checking" || gate.at === "signing-in"}>
        {gate.at === "allowed" ? children(gate.user, lang) : <GateNotice gate={gate} roles={roles} lang={lang} />}
      </main>
    </div>
  );
}

/** What stands in for a page its visitor cannot see (yet). */
export function GateNotice({ gate, roles, lang }: { gate: Exclude<StaffGate, { at: "allowed" }>; roles: readonly StaffRole[]; lang: Lang }) {
  const t = staffText[lang];
  if (gate.at === "checking" || gate.at === "signing-in") {
    return (
      <p className={styles.notice} role="status">
        {gate.at === "checking" ? t.checking : t.redirecting}
      </p>
    );
  }
  if (gate.at === "failed") {
    return (
      <div className={`${styles.card} ${styles.gate}`}>
        <p className="error" role="alert">
          {t.failed}
        </p>
        <button type="button" onClick={gate.retry}>
          {t.retry}
        </button>
      </div>
    );
  }
  return (
    <div className={`${styles.card} ${styles.gate}`}>
      <h1>{fill(t.forbidden, { roles: rolesInWords(roles, lang) })}</h1>
      <p>{fill(t.forbiddenWho, { name: gate.user.name, role: signinText[lang][gate.user.role] })}</p>
      <p>
        <Link href="/">{t.home}</Link>
      </p>
    </div>
  );
}
