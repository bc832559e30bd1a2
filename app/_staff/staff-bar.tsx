"use client";
import Link from "next/link";
import { useState } from "react";
import type { Lang } from "../_i18n/lang.ts";
import { LangSwitch } from "../_i18n/lang-switch.tsx";
import { signinText } from "../signin/signin-text.ts";
import { signOut, type StaffUser } from "../signin/staff-auth-client.ts";
import { isCurrent, navFor } from "./staff-gate.ts";
import { staffText } from "./staff-text.ts";
import styles from "./staff.module.css";

/**
 * The top of every staff page: the brand (home), the staff pages this role can open (the one we
 * are on marked), who is signed in with their role, sign out, and the language switch.
 * Without a user (still checking) it shows the brand and the language switch only.
 */
export function StaffBar({ user, lang, onLang, pathname }: { user?: StaffUser; lang: Lang; onLang: (lang: Lang) => void; pathname: string }) {
  const t = staffText[lang];
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);

  async function leave() {
    setBusy(true);
    setFailed(false);
    const ok = await signOut();
    if (ok) window.location.assign("/signin");
    else {
      setBusy(false);
      setFailed(true);
    }
  }

  return (
    <header className={styles.bar}>
      <a href="#main" className={styles.skip}>
        {t.skip}
      </a>
      <Link href="/" className={styles.brand} aria-label={t.home}>
        <span className="brand-mark" aria-hidden />
        Atrium
      </Link>
      {user && (
        <nav aria-label={t.nav} className={styles.nav}>
          <ul>
            {navFor(user.role).map((link) => (
              <li key={link.href}>
                <Link href={link.href} aria-current={isCurrent(link.href, pathname) ? "page" : undefined}>
                  {t[link.word]}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      )}
      <div className={styles.barEnd}>
        {user && (
          <p className={styles.who}>
            <span className="visually-hidden">{t.signedInAs} </span>
            <span className={styles.whoName}>{user.name}</span>
            <span className="role-badge">{signinText[lang][user.role]}</span>
          </p>
        )}
        <LangSwitch lang={lang} onChange={onLang} />
        {user && (
          <button type="button" className={`secondary ${styles.signOut}`} onClick={() => void leave()} disabled={busy}>
            {busy ? t.signingOut : t.signOut}
          </button>
        )}
        <p role="alert" className={styles.barError}>
          {failed ? t.signOutFailed : ""}
        </p>
      </div>
    </header>
  );
}
