"use client";
import { useCallback, useEffect, useRef, useState, useSyncExternalStore, type FormEvent } from "react";
import { Limits, ServiceLimits, type CallSummaryView, type DeskView, type EmotionView, type OfferView, type ServiceContext, type SessionView } from "../../game-server/protocol/index.ts";
import type { Scene } from "../../scenes/scene-format.ts";
import { HallPlan } from "../_components/home/hall-plan.tsx";
import { FACE_WORDS, useFaceState } from "../_components/hud/face-control.tsx";
import { SessionFiles } from "../_components/hud/session-files.tsx";
import type { AssistClient } from "../_hall-client/assist-client.ts";
import type { ServiceState } from "../_hall-client/service-client.ts";
import type { Lang } from "../_i18n/lang.ts";
import { formatDuration } from "../_staff/format.ts";
import { useNow } from "../_staff/use-now.ts";
import type { StaffUser } from "../signin/staff-auth-client.ts";
import { ScreenMarksConsole } from "../_boards/screen-marks-console.tsx";
import { SessionBoardButton } from "../_boards/whiteboard-launcher.tsx";
import { AgentCall } from "./agent-call.ts";
import { AssistPanel } from "./assist-panel.tsx";
import { AGENT_WORDS, fill } from "./agent-words.ts";
import styles from "./agent.module.css";
import { DeskConnection, DeskError } from "./desk-connection.ts";

type W = (typeof AGENT_WORDS)["en"];

/** A skill id as words in the page's language (the id itself for one the desk did not list). */
function skillName(view: DeskView | undefined, id: string, lang: Lang): string {
  return view?.skills.find((s) => s.id === id)?.label[lang] ?? id;
}
const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

function useDesk(desk: DeskConnection): { view?: DeskView; link: DeskConnection["link"] } {
  useSyncExternalStore(
    (onChange) => desk.subscribe(onChange),
    () => desk.view,
    () => desk.view,
  );
  return { view: desk.view, link: desk.link };
}

/**
 * `/agent`: the agent's whole shift on one screen. Left: their status, the offer ringing now
 * (countdown, accept / decline, also Alt+A / Alt+D) and who is waiting. Middle: the session —
 * chat with the customer, mute, camera, screen share, end — then the wrap-up. Right: who the
 * customer is (summary, the concierge conversation, what they looked at, earlier tickets,
 * their network) and a map of the hall around them.
 */
export function AgentConsole({ user, lang }: { user: StaffUser; lang: Lang }) {
  const w = AGENT_WORDS[lang];
  const [desk] = useState(() => new DeskConnection());
  const { view, link } = useDesk(desk);
  const [call, setCall] = useState<AgentCall>();
  const [joining, setJoining] = useState<string>();
  /** A session whose hall could not be joined: no automatic retry (the agent chooses). */
  const [joinFailed, setJoinFailed] = useState<string>();
  const [error, setError] = useState<string>();
  const [acting, setActing] = useState(false);
  const offer = view?.offers[0];
  const session = view?.sessions[0];

  useEffect(() => () => desk.close(), [desk]);
  useEffect(() => () => void call?.leave(), [call]);
  // A test (and the curious) can reach the live call from the console.
  useEffect(() => {
    (window as unknown as { atriumAgent?: AgentCall }).atriumAgent = call;
  }, [call]);

  const run = async (action: () => Promise<unknown>) => {
    setError(undefined);
    setActing(true);
    try {
      await action();
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setActing(false);
    }
  };

  /** The session being joined right now: one hall connection per session, whoever asks (accept, or the view after a reload). */
  const joiningFor = useRef<string | undefined>(undefined);
  const join = useCallback(
    async (s: Pick<SessionView, "contactId" | "hallId" | "roomId" | "customerName">) => {
      joiningFor.current = s.contactId;
      setJoining(s.customerName);
      try {
        setCall(await AgentCall.open(s, user.name));
      } finally {
        joiningFor.current = undefined;
        setJoining(undefined);
      }
    },
    [user.name],
  );

  const accept = (o: OfferView) =>
    run(async () => {
      // Claimed before the request: the session shows up in the desk view while it is on its way.
      joiningFor.current = o.contactId;
      try {
        const accepted = await desk.accept(o.contactId);
        await join({ ...accepted, customerName: o.customerName });
      } catch (e) {
        joiningFor.current = undefined;
        if (e instanceof DeskError) throw e;
        setJoinFailed(o.contactId);
        throw e;
      }
    });

  // After a reload mid-call: join the session that is still live (once; a failure offers a retry and an end).
  useEffect(() => {
    if (!session || call || joining || joiningFor.current || session.phase === "wrap-up" || joinFailed === session.contactId) return;
    void join(session).catch((e: unknown) => {
      setJoinFailed(session.contactId);
      setError(messageOf(e));
    });
  }, [session, call, joining, join, joinFailed]);

  // The session is over (wrapped up): leave the hall.
  useEffect(() => {
    if (call && !view?.sessions.some((s) => s.contactId === call.context.contactId)) {
      void call.leave();
      setCall(undefined);
    }
  }, [call, view]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!event.altKey || !offer || acting) return;
      if (event.key === "a" || event.key === "A") {
        event.preventDefault();
        void accept(offer);
      }
      if (event.key === "d" || event.key === "D") {
        event.preventDefault();
        void run(() => desk.decline(offer.contactId));
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  });

  return (
    <div className={styles.console} data-testid="agent-console" data-state={view?.me.state ?? "connecting"}>
      <aside className={styles.left} aria-label={w.presence}>
        <Presence view={view} link={link} w={w} onPresence={(p) => run(() => desk.setPresence(p))} disabled={acting} />
        {offer ? <Offer offer={offer} desk={desk} w={w} lang={lang} busy={acting} onAccept={() => accept(offer)} onDecline={() => run(() => desk.decline(offer.contactId))} /> : null}
        <Queue view={view} w={w} lang={lang} />
      </aside>
      <section className={styles.middle} aria-label={w.title}>
        {error ? (
          <p className={`error ${styles.alert}`} role="alert">
            {error}
          </p>
        ) : null}
        {session ? (
          session.phase === "wrap-up" ? (
            <>
              <WrapUp session={session} view={view!} w={w} lang={lang} desk={desk} assist={call?.context.contactId === session.contactId ? call.client.assist : undefined} onDone={() => setError(undefined)} onError={setError} />
              {/* During the wrap-up the agent may still send the customer a file (a summary, a form). */}
              <SessionFiles contactId={session.contactId} lang={lang} auth={{ kind: "cookie" }} live={call?.context.contactId === session.contactId ? call.client.service.state.files : []} me="agent" phase={session.phase} variant="console" />
            </>
          ) : call && call.context.contactId === session.contactId ? (
            <Session call={call} session={session} w={w} lang={lang} onError={setError} />
          ) : joinFailed === session.contactId && !joining ? (
            <div className={styles.empty}>
              <p>{fill(w.joinFailed, { name: session.customerName })}</p>
              <div className={styles.offerActions}>
                <button type="button" onClick={() => setJoinFailed(undefined)}>
                  {w.retry}
                </button>
                <button type="button" className="secondary" onClick={() => run(() => desk.end(session.contactId))} data-testid="agent-end-unjoined">
                  {w.endCall}
                </button>
              </div>
            </div>
          ) : (
            <p className={styles.empty} role="status">
              {fill(w.joining, { name: joining ?? session.customerName })}
            </p>
          )
        ) : (
          <p className={styles.empty} data-testid="agent-idle">
            {view?.me.presence === "available" ? w.noSession : w.noSessionAway}
          </p>
        )}
      </section>
      <aside className={styles.right} aria-label={w.context}>
        {call && session && session.phase !== "wrap-up" ? (
          <>
            {/* What the call's own ears say comes first: the transcript and its nudges are read while talking. */}
            <AssistPanel assist={call.client.assist} lang={lang} customerName={call.context.customer.name} />
            <Context call={call} w={w} lang={lang} skill={skillName(view, call.context.skill, lang)} />
          </>
        ) : session ? (
          <StoredContext desk={desk} contactId={session.contactId} w={w} lang={lang} skill={(id) => skillName(view, id, lang)} />
        ) : null}
      </aside>
    </div>
  );
}

function Presence({ view, link, w, onPresence, disabled }: { view?: DeskView; link: DeskConnection["link"]; w: W; onPresence: (p: "available" | "away") => void; disabled: boolean }) {
  const now = useNow(1000);
  const state = view?.me.state;
  const label = state === "available" ? w.available : state === "busy" ? w.busy : state === "after-call" ? w.afterCall : state === "offered" ? w.offered : w.away;
  return (
    <section className={styles.card}>
      <h2 className={styles.heading}>{w.presence}</h2>
      <p className={styles.state} data-state={state ?? "connecting"} data-testid="agent-state">
        <span className={styles.dot} aria-hidden />
        {view ? label : link === "reconnecting" ? w.reconnecting : w.connecting}
      </p>
      {view?.me.afterCallEndsAt ? <p className={styles.small}>{fill(w.acwLeft, { s: Math.max(0, Math.ceil((view.me.afterCallEndsAt - now - (view.now - Date.now())) / 1000)) })}</p> : null}
      <div className={styles.segmented} role="group" aria-label={w.presence}>
        <button type="button" aria-pressed={view?.me.presence === "available"} onClick={() => onPresence("available")} disabled={disabled || !view} data-testid="presence-available">
          {w.available}
        </button>
        <button type="button" aria-pressed={view?.me.presence === "away"} onClick={() => onPresence("away")} disabled={disabled || !view} data-testid="presence-away">
          {w.away}
        </button>
      </div>
      {view?.me.notice === "missed-offer" ? (
        <p className={styles.notice} role="alert">
          {w.missedOffer}
        </p>
      ) : null}
      {link === "reconnecting" && view ? (
        <p className={styles.notice} role="status">
          {w.reconnecting}
        </p>
      ) : null}
    </section>
  );
}

function Offer({ offer, desk, w, lang, busy, onAccept, onDecline }: { offer: OfferView; desk: DeskConnection; w: W; lang: Lang; busy: boolean; onAccept: () => void; onDecline: () => void }) {
  useNow(250);
  const left = Math.max(0, offer.expiresAt - desk.now());
  const acceptButton = useRef<HTMLButtonElement>(null);
  useEffect(() => acceptButton.current?.focus(), [offer.contactId]);
  return (
    <section className={`${styles.card} ${styles.offer}`} role="alertdialog" aria-labelledby="offer-title" aria-describedby="offer-what" data-testid="agent-offer" data-contact={offer.contactId}>
      <h2 id="offer-title" className={styles.heading}>
        {w.offerTitle}
      </h2>
      <p className={styles.offerWho}>{fill(w.offerFrom, { name: offer.customerName, hall: offer.hallName })}</p>
      <p id="offer-what" className={styles.offerWhat} lang={offer.lang}>
        {offer.subject}
      </p>
      <ul className={styles.chips}>
        <li>{w[`reason.${offer.reason}`]}</li>
        <li>
          {w.skill}: {skillName(desk.view, offer.skill, lang)}
        </li>
        <li>{offer.lang}</li>
        <li>{fill(w.waited, { time: formatDuration(offer.waitedMs, lang) })}</li>
        {offer.callback ? <li className={styles.badge}>{w.callback}</li> : null}
      </ul>
      <div className={styles.countdown} role="timer" aria-live="off">
        <span style={{ width: `${Math.min(100, (left / offer.timeoutMs) * 100)}%` }} />
      </div>
      <p className={styles.small}>{fill(w.expiresIn, { s: Math.ceil(left / 1000) })}</p>
      <div className={styles.offerActions}>
        <button ref={acceptButton} type="button" onClick={onAccept} disabled={busy} data-testid="offer-accept">
          {w.accept}
        </button>
        <button type="button" className="secondary" onClick={onDecline} disabled={busy} data-testid="offer-decline">
          {w.decline}
        </button>
      </div>
      <p className={styles.small}>{w.shortcuts}</p>
    </section>
  );
}

function Queue({ view, w, lang }: { view?: DeskView; w: W; lang: Lang }) {
  const now = useNow(1000);
  const skew = view ? view.now - Date.now() : 0;
  return (
    <section className={styles.card}>
      <h2 className={styles.heading}>
        {w.queue} <span className={styles.count}>{view?.queue.length ?? 0}</span>
      </h2>
      {view && view.queue.length > 0 ? (
        <ol className={styles.queue} data-testid="agent-queue">
          {view.queue.map((q) => (
            <li key={q.contactId}>
              <span className={styles.queueName}>{q.customerName}</span>
              <span className={styles.small}>
                {skillName(view, q.skill, lang)} · {q.lang} · {formatDuration(q.waitedMs + (now + skew - view.now), lang)}
                {q.callback ? ` · ${w.callback}` : ""}
              </span>
            </li>
          ))}
        </ol>
      ) : (
        <p className={styles.small}>{w.queueEmpty}</p>
      )}
    </section>
  );
}

function useService(call: AgentCall): ServiceState {
  return useSyncExternalStore(
    (onChange) => call.client.service.subscribe(onChange),
    () => call.client.service.state,
    () => call.client.service.state,
  );
}

function Session({ call, session, w, lang, onError }: { call: AgentCall; session: SessionView; w: W; lang: Lang; onError: (m: string | undefined) => void }) {
  const { chat, endedByCustomer, files } = useService(call);
  const [text, setText] = useState("");
  const [, rerender] = useState(0);
  const list = useRef<HTMLOListElement>(null);
  const now = useNow(1000);
  const media = call.client.media;
  const faceState = useFaceState(call.client);
  useEffect(() => {
    list.current?.scrollTo({ top: list.current.scrollHeight });
  }, [chat]);
  useEffect(() => media.onLocalVideo(() => rerender((n) => n + 1)), [media]);

  const send = async (event: FormEvent) => {
    event.preventDefault();
    if (!text.trim()) return;
    const said = text;
    setText("");
    try {
      await call.client.service.say(said);
    } catch (e) {
      setText(said);
      onError(messageOf(e));
    }
  };
  const toggle = async (action: () => Promise<void>) => {
    onError(undefined);
    try {
      await action();
    } catch (e) {
      onError(messageOf(e));
    }
    rerender((n) => n + 1);
  };
  const customer = call.context.customer;
  return (
    <section className={styles.session} aria-labelledby="session-title" data-testid="agent-session" data-contact={session.contactId}>
      <header className={styles.sessionHead}>
        <div>
          <h1 id="session-title">{customer.name}</h1>
          <p className={styles.small}>
            {fill(w.ticket, { n: session.ticketNumber })} · {session.hallName} · {formatDuration(now - session.startedAt, lang)}
          </p>
        </div>
        <ul className={styles.chips} aria-label={w.media}>
          {session.media.map((m) => (
            <li key={m} data-testid={`session-media-${m}`}>
              {w[m]}
            </li>
          ))}
        </ul>
      </header>
      {faceState !== "off" && faceState !== "running" ? (
        <p className={styles.notice} role="status">
          {FACE_WORDS[lang][faceState as keyof (typeof FACE_WORDS)["en"]] ?? faceState}
        </p>
      ) : null}
      {endedByCustomer ? (
        <p className={styles.notice} role="status">
          {w.customerEnded}
        </p>
      ) : null}
      <ScreenMarksConsole client={call.client} contactId={session.contactId} customerSessionId={customer.sessionId} customerName={customer.name} lang={lang} />
      <ol className={styles.chat} ref={list} aria-live="polite" data-testid="agent-chat">
        {chat.map((line) => (
          <li key={line.id} className={line.from === "agent" ? styles.mine : styles.theirs}>
            <span className={styles.lineName}>{line.from === "agent" ? w.you : line.name}</span>
            <span>{line.text}</span>
          </li>
        ))}
      </ol>
      <form className={styles.compose} onSubmit={send} noValidate>
        <input type="text" aria-label={w.chatPlaceholder} placeholder={w.chatPlaceholder} value={text} maxLength={Limits.chatMaxChars} onChange={(e) => setText(e.target.value)} data-testid="agent-input" />
        <button type="submit">{w.send}</button>
      </form>
      <div className={styles.callBar}>
        <button type="button" className={media.micOn ? "" : "secondary"} aria-pressed={!media.micOn} onClick={() => toggle(() => (media.micOn ? media.disableMic() : media.enableMic()))} data-testid="agent-mute">
          {media.micOn ? w.mute : w.unmute}
        </button>
        <button type="button" className="secondary" aria-pressed={media.cameraTrack !== undefined} onClick={() => toggle(() => (media.cameraTrack ? media.disableCamera() : media.enableCamera()))}>
          {media.cameraTrack ? w.cameraOff : w.cameraOn}
        </button>
        <button type="button" className="secondary" aria-pressed={media.screenTrack !== undefined} onClick={() => toggle(() => (media.screenTrack ? media.stopScreenShare() : media.startScreenShare()))}>
          {media.screenTrack ? w.stopShare : w.shareScreen}
        </button>
        <button
          type="button"
          className={faceState !== "off" ? "" : "secondary"}
          aria-pressed={faceState !== "off"}
          title={FACE_WORDS[lang].title}
          onClick={() => toggle(async () => (call.client.face ? call.client.stopFace() : void (await call.client.startFace())))}
          data-testid="agent-face"
          data-state={faceState}
        >
          {faceState !== "off" ? w.faceOn : w.faceOff}
        </button>
        <SessionBoardButton client={call.client} contactId={session.contactId} lang={lang} withName={customer.name} />
        <button type="button" className={styles.end} onClick={() => toggle(() => call.client.service.end())} data-testid="agent-end">
          {w.endCall}
        </button>
      </div>
      <SessionFiles contactId={session.contactId} lang={lang} auth={{ kind: "cookie" }} live={files} me="agent" phase={session.phase} />
    </section>
  );
}

function Context({ call, w, lang, skill }: { call: AgentCall; w: W; lang: Lang; skill: string }) {
  useNow(1000); // the customer's network and place, as the hall state says, refreshed each second
  const [scene, setScene] = useState<Scene>();
  const remote = call.customer;
  useEffect(() => {
    void fetch(`/api/halls/${encodeURIComponent(call.client.presence.room.state.hallId)}`)
      .then((r) => r.json() as Promise<{ scene: Scene }>)
      .then((info) => setScene(info.scene))
      .catch(() => undefined);
  }, [call]);
  const net = remote?.net ?? "unknown";
  const { emotions } = useService(call);
  const at = remote?.buffer.sample(performance.now());
  const me = call.client.presence.serverPose;
  return (
    <>
      <CustomerFacts context={call.context} w={w} lang={lang} net={net} left={!remote} skill={skill} />
      <Mood emotions={emotions} w={w} lang={lang} />
      {scene ? (
        <section className={styles.card}>
          <h2 className={styles.heading}>{w.hallView}</h2>
          <HallPlan scene={scene} label={w.hallView} className={styles.map} around={at ? { x: at.x, z: at.z, radius: 9 } : undefined}>
            {call.client.presence.roster
              .filter((v) => v.inView && v.sessionId !== call.context.customer.sessionId)
              .map((v) => {
                const p = v.buffer.sample(performance.now());
                return p ? <circle key={v.sessionId} cx={p.x} cy={p.z} r={0.3} fill={v.role === "concierge" ? "#7a4fb5" : "#5d6b71"} /> : null;
              })}
            <circle cx={me.x} cy={me.z} r={0.38} fill="#1f4e6b" stroke="white" strokeWidth={0.1}>
              <title>{w.you}</title>
            </circle>
            {at ? (
              <circle cx={at.x} cy={at.z} r={0.45} fill="#f0b429" stroke="white" strokeWidth={0.12}>
                <title>{w.customer}</title>
              </circle>
            ) : null}
          </HallPlan>
        </section>
      ) : null}
    </>
  );
}

/** The consenting customer's emotion signal: a badge for now and a strip of how it changed. */
function Mood({ emotions, w, lang }: { emotions: readonly EmotionView[]; w: W; lang: Lang }) {
  const now = emotions.at(-1);
  return (
    <section className={styles.card} aria-live="polite" data-testid="agent-mood" data-state={now?.state ?? "off"}>
      <h2 className={styles.heading}>{w.mood}</h2>
      {now ? (
        <>
          <p className={styles.mood} data-mood={now.state}>
            <span className={styles.moodDot} aria-hidden />
            {w[`mood.${now.state}`]}
            {now.textNegative ? <span className={styles.small}> · {w.moodWords}</span> : null}
          </p>
          <ol className={styles.moodStrip} aria-label={w.mood}>
            {emotions.map((e, i) => (
              <li key={`${e.at}-${i}`} data-mood={e.state} title={`${w[`mood.${e.state}`]} · ${new Date(e.at).toLocaleTimeString(lang)}`} />
            ))}
          </ol>
        </>
      ) : (
        <p className={styles.small}>{w.moodOff}</p>
      )}
    </section>
  );
}

function StoredContext({ desk, contactId, w, lang, skill }: { desk: DeskConnection; contactId: string; w: W; lang: Lang; skill: (id: string) => string }) {
  const [context, setContext] = useState<ServiceContext>();
  useEffect(() => {
    void desk.context(contactId).then(setContext, () => undefined);
  }, [desk, contactId]);
  return context ? <CustomerFacts context={context} w={w} lang={lang} skill={skill(context.skill)} /> : null;
}

function CustomerFacts({ context, w, lang, net, left, skill }: { context: ServiceContext; w: W; lang: Lang; net?: string; left?: boolean; skill: string }) {
  return (
    <section className={styles.card} data-testid="agent-context">
      <h2 className={styles.heading}>{w.context}</h2>
      <p className={styles.customerName}>{context.customer.name}</p>
      <dl className={styles.facts}>
        <dt>{w.lang}</dt>
        <dd>{context.customer.lang}</dd>
        <dt>{w.reason}</dt>
        <dd>{w[`reason.${context.reason}`]}</dd>
        <dt>{w.skill}</dt>
        <dd>{skill}</dd>
        {net ? (
          <>
            <dt>{w.network}</dt>
            <dd data-testid="agent-customer-net" data-net={net}>
              <span className={styles.netDot} data-net={net} aria-hidden /> {w[`net.${net}` as keyof W] ?? net}
            </dd>
          </>
        ) : null}
      </dl>
      {left ? <p className={styles.notice}>{w.customerLeft}</p> : null}
      {context.summary ? (
        <>
          <h3 className={styles.sub}>{w.summary}</h3>
          <p className={styles.summary} lang={context.customer.lang}>
            {context.summary}
          </p>
        </>
      ) : null}
      {context.bot.length > 0 ? (
        <details className={styles.bot}>
          <summary>
            {w.bot} ({context.bot.length})
          </summary>
          <ol>
            {context.bot.map((t, i) => (
              <li key={i} className={t.role === "customer" ? styles.botCustomer : undefined}>
                <strong>{t.role === "customer" ? w.customer : w.concierge}:</strong> {t.text}
              </li>
            ))}
          </ol>
        </details>
      ) : null}
      <h3 className={styles.sub}>{w.viewed}</h3>
      {context.viewed.length > 0 ? (
        <ul className={styles.chips}>
          {context.viewed.map((v) => (
            <li key={v.boothId}>{v.label}</li>
          ))}
        </ul>
      ) : (
        <p className={styles.small}>{w.nothingViewed}</p>
      )}
      <h3 className={styles.sub}>{w.earlier}</h3>
      {context.earlierTickets.length > 0 ? (
        <ul className={styles.earlier}>
          {context.earlierTickets.map((t) => (
            <li key={t.id}>
              <a href={`/tickets/${t.number}`} target="_blank" rel="noreferrer">
                #{t.number}
              </a>{" "}
              {t.subject} <span className={styles.small}>· {t.status}</span>
            </li>
          ))}
        </ul>
      ) : (
        <p className={styles.small}>{w.noEarlier}</p>
      )}
      <p className={styles.small}>
        <a href={`/tickets/${context.ticketNumber}`} target="_blank" rel="noreferrer">
          {fill(w.ticket, { n: context.ticketNumber })}
        </a>
        {" · "}
        {lang === "zh-CN" ? "在新窗口打开" : "opens in a new tab"}
      </p>
    </section>
  );
}

function WrapUp({ session, view, w, lang, desk, assist, onDone, onError }: { session: SessionView; view: DeskView; w: W; lang: Lang; desk: DeskConnection; assist?: AssistClient; onDone: () => void; onError: (m: string) => void }) {
  const [disposition, setDisposition] = useState("");
  const [notes, setNotes] = useState("");
  const [drafted, setDrafted] = useState(false);
  const summary = useDraftSummary(assist, session.contactId);
  // The call's own summary fills the form once, as a draft the agent edits; what they typed first stays.
  useEffect(() => {
    if (!summary || drafted) return;
    setDrafted(true);
    setNotes((typed) => typed || summary.summary);
    if (summary.disposition && view.dispositions.some((d) => d.code === summary.disposition)) setDisposition((picked) => picked || summary.disposition!);
  }, [summary, drafted, view.dispositions]);
  const [followUp, setFollowUp] = useState("");
  const [status, setStatus] = useState<"resolved" | "pending" | "open">("resolved");
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    try {
      await desk.wrapUp(session.contactId, { disposition, notes, status, ...(followUp ? { followUp } : {}) });
      onDone();
    } catch (e) {
      onError(messageOf(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className={styles.wrap} onSubmit={submit} aria-labelledby="wrap-title" data-testid="agent-wrap-up">
      <h1 id="wrap-title">
        {w.wrapUp} · {session.customerName}
      </h1>
      <p className={styles.small}>
        {fill(w.ticket, { n: session.ticketNumber })} · {session.hallName}
      </p>
      <fieldset className={styles.dispositions}>
        <legend>{w.disposition}</legend>
        {view.dispositions.map((d) => (
          <label key={d.code}>
            <input type="radio" name="disposition" value={d.code} checked={disposition === d.code} onChange={() => setDisposition(d.code)} required />
            {d.label[lang]}
          </label>
        ))}
      </fieldset>
      {summary && summary.keywords.length > 0 ? (
        <ul className={styles.chips} aria-label={w.summaryKeywords} data-testid="wrap-keywords">
          {summary.keywords.map((k) => (
            <li key={k}>{k}</li>
          ))}
        </ul>
      ) : null}
      <label className={styles.field}>
        <span>
          {w.notes}
          {drafted ? <span className={styles.small}> · {w.drafted}</span> : null}
        </span>
        <textarea rows={5} value={notes} maxLength={ServiceLimits.noteMax} onChange={(e) => setNotes(e.target.value)} data-testid="wrap-notes" />
        <span className={styles.small}>
          {notes.length} / {ServiceLimits.noteMax}
        </span>
      </label>
      <div className={styles.row}>
        <label className={styles.field}>
          <span>{w.status}</span>
          <select value={status} onChange={(e) => setStatus(e.target.value as typeof status)}>
            <option value="resolved">{w.resolved}</option>
            <option value="pending">{w.pending}</option>
            <option value="open">{w.open}</option>
          </select>
        </label>
        <label className={styles.field}>
          <span>{w.followUp}</span>
          <input type="date" value={followUp} onChange={(e) => setFollowUp(e.target.value)} />
        </label>
      </div>
      <button type="submit" disabled={busy || !disposition} data-testid="wrap-submit">
        {w.submitWrapUp}
      </button>
    </form>
  );
}

/** The end-of-call summary for this session, from the hall connection while it lasts, else as stored on the ticket. */
function useDraftSummary(assist: AssistClient | undefined, contactId: string): CallSummaryView | undefined {
  const live = useSyncExternalStore(
    (onChange) => assist?.subscribe(onChange) ?? (() => undefined),
    () => assist?.state.summary,
    () => undefined,
  );
  const [stored, setStored] = useState<CallSummaryView>();
  useEffect(() => {
    if (live?.contactId === contactId) return;
    let cancelled = false;
    void fetch(`/api/desk/sessions/${encodeURIComponent(contactId)}/summary`)
      .then((r) => (r.ok ? (r.json() as Promise<CallSummaryView>) : undefined))
      .then((s) => {
        if (!cancelled && s) setStored(s);
      })
      .catch(() => undefined);
    return () => {
      cancelled = true;
    };
  }, [live, contactId]);
  return live?.contactId === contactId ? live : stored;
}
