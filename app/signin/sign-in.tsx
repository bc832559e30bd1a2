"use client";
import Link from "next/link";
import { useEffect, useId, useRef, useState, type FormEvent } from "react";
import { useLang } from "../_i18n/lang.ts";
import { LangSwitch } from "../_i18n/lang-switch.tsx";
import { safeNextPath } from "./next-path.ts";
import { signinText } from "./signin-text.ts";
import styles from "./signin.module.css";
import { currentStaff, hallNames, signIn, signOut, type SignInResult, type StaffUser } from "./staff-auth-client.ts";

type Phase = { at: "checking" } | { at: "form" } | { at: "signed-in"; user: StaffUser };
type Problem = { field?: "email" | "password"; text: string };

/** `/signin`: the form, or who is signed in with a way out. Same look as the home page. */
export function SignIn() {
  const [lang, setLang] = useLang();
  const t = signinText[lang];
  const [phase, setPhase] = useState<Phase>({ at: "checking" });
  const [halls, setHalls] = useState<Record<string, string>>({});

  useEffect(() => {
    void currentStaff().then((user) => setPhase(user ? { at: "signed-in", user } : { at: "form" }), () => setPhase({ at: "form" }));
    void hallNames().then(setHalls);
  }, []);

  return (
    <main className={styles.page}>
      <div className={styles.top}>
        <Link href="/" className={styles.back}>
          {t.home}
        </Link>
        <LangSwitch lang={lang} onChange={setLang} />
      </div>
      <section className={styles.card} aria-labelledby="signin-title" aria-busy={phase.at === "checking"}>
        <div className={styles.brand} aria-hidden>
          A
        </div>
        <h1 id="signin-title">{t.title}</h1>
        {phase.at !== "signed-in" && <p className={styles.hint}>{t.lead}</p>}
        {phase.at === "checking" && <p className={styles.hint}>{t.checking}</p>}
        {phase.at === "form" && <SignInForm t={t} onSignedIn={() => window.location.assign(safeNextPath(new URLSearchParams(window.location.search).get("next")))} />}
        {phase.at === "signed-in" && <SignedIn t={t} user={phase.user} halls={halls} onSignedOut={() => setPhase({ at: "form" })} />}
      </section>
      {phase.at === "form" && (
        <p className={styles.customers}>
          {t.customers} <Link href="/">{t.enter}</Link>
        </p>
      )}
    </main>
  );
}

type Text = (typeof signinText)["en"];

function SignInForm({ t, onSignedIn }: { t: Text; onSignedIn: () => void }) {
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [showPassword, setShowPassword] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | undefined>();
  const emailRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);
  const errorId = useId();

  useEffect(() => emailRef.current?.focus(), []);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    const problemNow = !email.trim() ? { field: "email" as const, text: t.emailMissing } : !password ? { field: "password" as const, text: t.passwordMissing } : undefined;
    if (problemNow) {
      setProblem(problemNow);
      (problemNow.field === "email" ? emailRef : passwordRef).current?.focus();
      return;
    }
    setBusy(true);
    setProblem(undefined);
    const result = await signIn(email.trim(), password);
    if (result.ok) {
      onSignedIn();
      return;
    }
    setBusy(false);
    setProblem(describe(result, t));
    // Keep the email, clear the password for the next try, and put the cursor where it is needed.
    if (result.reason === "invalid") emailRef.current?.focus();
    else {
      setPassword("");
      passwordRef.current?.focus();
    }
  }

  return (
    <form className={styles.form} onSubmit={(e) => void submit(e)} noValidate>
      <div className={styles.field}>
        <label htmlFor="signin-email">{t.email}</label>
        <input
          ref={emailRef}
          id="signin-email"
          type="email"
          name="email"
          autoComplete="username"
          inputMode="email"
          spellCheck={false}
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          aria-invalid={problem?.field === "email" || undefined}
          aria-describedby={problem ? errorId : undefined}
          maxLength={254}
        />
      </div>
      <div className={styles.field}>
        <label htmlFor="signin-password">{t.password}</label>
        <div className={styles.passwordRow}>
          <input
            ref={passwordRef}
            id="signin-password"
            type={showPassword ? "text" : "password"}
            name="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            aria-invalid={problem?.field === "password" || undefined}
            aria-describedby={problem ? errorId : undefined}
            maxLength={1024}
          />
          <button type="button" className={`secondary ${styles.show}`} aria-pressed={showPassword} aria-controls="signin-password" onClick={() => setShowPassword((s) => !s)}>
            {showPassword ? t.hide : t.show}
          </button>
        </div>
      </div>
      <p id={errorId} role="alert" className={styles.error}>
        {problem?.text ?? ""}
      </p>
      <button type="submit" className={styles.submit} disabled={busy}>
        {busy ? t.submitting : t.submit}
      </button>
    </form>
  );
}

function describe(result: Extract<SignInResult, { ok: false }>, t: Text): Problem {
  if (result.reason === "locked") return { text: t.locked.replace("{m}", String(Math.max(1, Math.ceil((result.retryAfterSeconds ?? 900) / 60)))) };
  if (result.reason === "invalid") return { field: "email", text: t.invalid };
  if (result.reason === "wrong") return { field: "password", text: t.wrong };
  return { text: result.reason === "disabled" ? t.disabled : t.failed };
}

function SignedIn({ t, user, halls, onSignedOut }: { t: Text; user: StaffUser; halls: Record<string, string>; onSignedOut: () => void }) {
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);
  const signOutRef = useRef<HTMLButtonElement>(null);
  useEffect(() => signOutRef.current?.focus(), []);
  const hallIds = user.hallIds.length ? user.hallIds : Object.keys(halls);

  async function leave() {
    setBusy(true);
    const ok = await signOut();
    setBusy(false);
    setFailed(!ok);
    if (ok) onSignedOut();
  }

  return (
    <div className={styles.signedIn}>
      <p className={styles.who}>
        <span className={styles.hint}>{t.signedInAs}</span>
        <strong>{user.name}</strong>
        <span className="role-badge">{t[user.role]}</span>
      </p>
      <dl className={styles.facts}>
        <dt>{t.halls}</dt>
        <dd>{user.hallIds.length ? user.hallIds.map((id) => halls[id] ?? id).join(", ") : t.allHalls}</dd>
        {user.skills.length > 0 && (
          <>
            <dt>{t.skills}</dt>
            <dd>{user.skills.join(", ")}</dd>
          </>
        )}
        <dt>{t.languages}</dt>
        <dd>{user.languages.map((l) => (l === "zh-CN" ? "中文" : l === "en" ? "English" : l)).join(", ")}</dd>
      </dl>
      {hallIds.length > 0 && (
        <ul className={styles.halls}>
          {hallIds.map((id) => (
            <li key={id}>
              <Link href={`/hall/${id}`}>
                <span>{halls[id] ?? id}</span>
                <span aria-hidden>→</span>
              </Link>
            </li>
          ))}
        </ul>
      )}
      <p role="alert" className={styles.error}>
        {failed ? t.signOutFailed : ""}
      </p>
      <button ref={signOutRef} type="button" className="secondary" onClick={() => void leave()} disabled={busy}>
        {busy ? t.signingOut : t.signOut}
      </button>
    </div>
  );
}
