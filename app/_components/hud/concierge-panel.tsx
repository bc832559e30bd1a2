"use client";
import { useEffect, useRef, useState, useSyncExternalStore, type FormEvent, type KeyboardEvent } from "react";
import { Limits, type Article, type ConciergeAnswer, type HandoverReason } from "../../../game-server/protocol/index.ts";
import { InvalidQuestion, type ConciergeClient, type ConciergeTurn } from "../../_hall-client/concierge-client.ts";
import type { HallClient } from "../../_hall-client/hall-client.ts";
import type { Dictionary, Lang } from "../../_i18n/lang.ts";
import { useRoster } from "../use-roster.ts";
import { articleBlocks } from "./article-blocks.ts";
import styles from "./concierge-panel.module.css";

type Word =
  | "open"
  | "close"
  | "concierge"
  | "role"
  | "intro"
  | "you"
  | "question"
  | "placeholder"
  | "send"
  | "empty"
  | "thinking"
  | "unsure"
  | "maybe"
  | "confidence"
  | "source"
  | "hideSource"
  | "loadingSource"
  | "takeMe"
  | "walking"
  | "human"
  | "talkToPerson"
  | "orPerson"
  | "conversation"
  | "noAnswer";

export const WORDS: Dictionary<Word> = {
  en: {
    open: "Ask the concierge",
    close: "Close the concierge",
    concierge: "Concierge",
    role: "AI concierge",
    intro: "Ask me about products, prices, warranty, delivery, returns or opening hours — in English or Chinese.",
    you: "You",
    question: "Your question",
    placeholder: "Ask a question…",
    send: "Send",
    empty: "Type a question first.",
    thinking: "{name} is looking it up…",
    unsure: "Not sure",
    maybe: "Fairly sure",
    confidence: "How sure the concierge is: {pct} %",
    source: "Source",
    hideSource: "Hide the article",
    loadingSource: "Opening the article…",
    takeMe: "Take me there",
    walking: "Walking you to {booth}…",
    human: "I may not be the best help here. A person from our team can take over, right here in the hall.",
    talkToPerson: "Talk to a person",
    orPerson: "Prefer a person? Talk to someone from our team",
    conversation: "Conversation with the concierge",
    noAnswer: "No answer came. Please try again.",
  },
  "zh-CN": {
    open: "问问礼宾",
    close: "关闭礼宾对话",
    concierge: "礼宾",
    role: "AI 礼宾",
    intro: "可以问我产品、价格、保修、配送、退货或营业时间——中文或英文都可以。",
    you: "我",
    question: "您的问题",
    placeholder: "请输入问题…",
    send: "发送",
    empty: "请先输入问题。",
    thinking: "{name} 正在查找…",
    unsure: "不太确定",
    maybe: "比较确定",
    confidence: "礼宾对这个回答的把握：{pct}%",
    source: "来源",
    hideSource: "收起文章",
    loadingSource: "正在打开文章…",
    takeMe: "带我去",
    walking: "正在带您前往{booth}…",
    human: "这个问题我可能帮不上忙，可以请我们的工作人员在展厅里为您服务。",
    talkToPerson: "转人工服务",
    orPerson: "想和真人交流？转人工服务",
    conversation: "与礼宾的对话",
    noAnswer: "没有收到回答，请再试一次。",
  },
};

const fill = (text: string, values: Record<string, string>) => text.replace(/\{(\w+)\}/g, (_, k: string) => values[k] ?? "");

/** Below this the concierge says it is unsure; up to `CONFIDENT` it hedges. Retrieval scores are normalised 0…1. */
const UNSURE = 0.35;
const CONFIDENT = 0.6;

/**
 * The tag shown over an answer, from how sure the concierge is (none when it is sure). A tag, not
 * a sentence: the answer's own text may already hedge ("I'm not completely sure, but…").
 */
export function answerLead(answer: Pick<ConciergeAnswer, "confidence" | "sources">): "unsure" | "maybe" | undefined {
  if (answer.confidence < UNSURE) return "unsure";
  if (answer.confidence < CONFIDENT) return "maybe";
  return undefined;
}

/** A source article under an answer: being fetched, shown, or refused (the server's words). */
export type SourceView = { status: "loading" } | { status: "shown"; article: Article } | { status: "failed"; message: string };

function useConcierge(concierge: ConciergeClient): ConciergeClient["state"] {
  return useSyncExternalStore(
    (onChange) => concierge.subscribe(onChange),
    () => concierge.state,
    () => concierge.state,
  );
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * The concierge in the HUD: a button that opens a conversation with the hall's AI concierge
 * (it also opens by itself when the concierge greets the visitor at the desk). Questions go in
 * the page's language; answers show their source article, a hedge when the concierge is unsure,
 * "Take me there" when they are about a booth, and where staff are when a person would help.
 */
export function ConciergePanel({ client, lang, onTalkToPerson }: { client: HallClient; lang: Lang; onTalkToPerson: (reason: HandoverReason) => void }) {
  const { turns, asking } = useConcierge(client.concierge);
  const name = useRoster(client).find((v) => v.role === "concierge")?.name;
  const [open, setOpen] = useState(false);
  const [text, setText] = useState("");
  const [error, setError] = useState<string>();
  const [walking, setWalking] = useState<string>();
  const [sources, setSources] = useState<Record<string, SourceView>>({});
  const input = useRef<HTMLInputElement>(null);
  const launcher = useRef<HTMLButtonElement>(null);
  /** Where focus goes after the next render: into the panel (opened by the visitor) or back to the button (closed). */
  const focusNext = useRef<"input" | "launcher" | undefined>(undefined);
  const w = WORDS[lang];

  // A greeting at the desk opens the panel, without taking the keyboard from someone who is walking.
  useEffect(() => client.concierge.onSaid(() => setOpen(true)), [client]);

  useEffect(() => {
    if (focusNext.current === "input") input.current?.focus();
    if (focusNext.current === "launcher") launcher.current?.focus();
    focusNext.current = undefined;
  }, [open]);

  // Arrived (or walked off with the keys): the "walking you to…" note goes.
  useEffect(() => {
    if (!walking) return;
    const timer = setInterval(() => {
      if (!client.route.current) setWalking(undefined);
    }, 300);
    return () => clearInterval(timer);
  }, [client, walking]);

  const show = (next: boolean) => {
    focusNext.current = next ? "input" : "launcher";
    setOpen(next);
  };

  const ask = async (event: FormEvent) => {
    event.preventDefault();
    setError(undefined);
    if (!text.trim()) {
      setError(w.empty);
      input.current?.focus();
      return;
    }
    const asked = text;
    setText("");
    try {
      await client.concierge.ask(asked, lang);
    } catch (e) {
      // Refused here (never sent): the visitor keeps what they typed, to fix it.
      if (e instanceof InvalidQuestion) setText(asked);
      setError(e instanceof InvalidQuestion && e.reason === "empty" ? w.empty : messageOf(e) || w.noAnswer);
    }
  };

  const takeMe = async (boothId: string, label: string) => {
    setError(undefined);
    try {
      await client.concierge.walkTo(boothId);
      setWalking(label);
    } catch (e) {
      setError(messageOf(e));
    }
  };

  const toggleSource = async (id: string, lang: Lang) => {
    const key = `${id}:${lang}`;
    if (sources[key]?.status === "shown" || sources[key]?.status === "failed") {
      setSources(({ [key]: _, ...rest }) => rest);
      return;
    }
    setSources((s) => ({ ...s, [key]: { status: "loading" } }));
    try {
      const article = await client.concierge.article(id, lang);
      setSources((s) => ({ ...s, [key]: { status: "shown", article } }));
    } catch (e) {
      setSources((s) => ({ ...s, [key]: { status: "failed", message: messageOf(e) } }));
    }
  };

  if (!open) {
    return (
      <button ref={launcher} type="button" className={styles.launcher} title={w.open} onClick={() => show(true)} data-testid="concierge-open">
        <span className={styles.launcherIcon} aria-hidden>
          ?
        </span>
        <span className={styles.launcherText}>{w.open}</span>
      </button>
    );
  }

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === "Escape") {
      event.stopPropagation();
      show(false);
    }
  };

  return (
    <section className={styles.panel} role="dialog" aria-modal="false" aria-labelledby="concierge-title" onKeyDown={onKeyDown} data-testid="concierge-panel" lang={lang}>
      <header className={styles.header}>
        <span className={styles.portrait} aria-hidden>
          {(name ?? w.concierge).slice(0, 1)}
        </span>
        <div className={styles.who}>
          <h2 id="concierge-title" className={styles.title}>
            {name ?? w.concierge}
          </h2>
          <span className={styles.role}>{w.role}</span>
        </div>
        <button type="button" className={styles.close} aria-label={w.close} title={w.close} onClick={() => show(false)}>
          ×
        </button>
      </header>
      <ConciergeConversation turns={turns} asking={asking} lang={lang} name={name ?? w.concierge} sources={sources} onSource={toggleSource} onTakeMe={takeMe} onTalkToPerson={onTalkToPerson} />
      {walking ? (
        <p className={styles.walking} role="status">
          {fill(w.walking, { booth: walking })}
        </p>
      ) : null}
      <form className={styles.form} onSubmit={ask} noValidate>
        <input ref={input} type="text" aria-label={w.question} placeholder={w.placeholder} value={text} maxLength={Limits.conciergeQuestionMax} onChange={(e) => setText(e.target.value)} enterKeyHint="send" />
        <button type="submit" disabled={asking}>
          {w.send}
        </button>
      </form>
      <button type="button" className={`link ${styles.orPerson}`} onClick={() => onTalkToPerson("button")} data-testid="concierge-person">
        {w.orPerson}
      </button>
      {error ? (
        <p className={`error ${styles.alert}`} role="alert">
          {error}
        </p>
      ) : null}
    </section>
  );
}

interface ConversationProps {
  turns: readonly ConciergeTurn[];
  asking: boolean;
  lang: Lang;
  name: string;
  /** Opened source articles, by `${articleId}:${lang}`. */
  sources: Readonly<Record<string, SourceView>>;
  /** Open or close an answer's source article, in the answer's language. */
  onSource: (articleId: string, lang: Lang) => void;
  onTakeMe: (boothId: string, label: string) => void;
  /** "Talk to a person", with why the concierge offered one. */
  onTalkToPerson?: (reason: HandoverReason) => void;
}

/** The conversation: the visitor's questions on the right, the concierge's answers and greetings on the left. */
export function ConciergeConversation({ turns, asking, lang, name, sources, onSource, onTakeMe, onTalkToPerson }: ConversationProps) {
  const w = WORDS[lang];
  const list = useRef<HTMLOListElement>(null);
  useEffect(() => {
    list.current?.scrollTo({ top: list.current.scrollHeight });
  }, [turns, asking, sources]);
  return (
    <ol className={styles.turns} ref={list} aria-label={w.conversation} aria-live="polite" data-testid="concierge-conversation">
      {turns.length === 0 ? <li className={`${styles.turn} ${styles.concierge}`}>{w.intro}</li> : null}
      {turns.map((turn) =>
        turn.kind === "question" ? (
          <li key={turn.id} className={`${styles.turn} ${styles.mine}`} lang={turn.lang}>
            <span className="visually-hidden">{w.you}: </span>
            {turn.text}
          </li>
        ) : turn.kind === "said" ? (
          <li key={turn.id} className={`${styles.turn} ${styles.concierge}`} lang={turn.lang} data-testid="concierge-said">
            {turn.text}
          </li>
        ) : (
          <AnswerTurn key={turn.id} answer={turn.answer} lang={lang} sources={sources} onSource={onSource} onTakeMe={onTakeMe} onTalkToPerson={onTalkToPerson} />
        ),
      )}
      {asking ? (
        <li className={`${styles.turn} ${styles.concierge} ${styles.thinking}`} role="status">
          {fill(w.thinking, { name })}
        </li>
      ) : null}
    </ol>
  );
}

function AnswerTurn({ answer, lang, sources, onSource, onTakeMe, onTalkToPerson }: { answer: ConciergeAnswer; lang: Lang } & Pick<ConversationProps, "sources" | "onSource" | "onTakeMe" | "onTalkToPerson">) {
  const w = WORDS[lang];
  const lead = answerLead(answer);
  const source = answer.sources[0];
  const view = source ? sources[`${source.id}:${answer.lang}`] : undefined;
  return (
    <li className={`${styles.turn} ${styles.concierge}`} data-testid="concierge-answer" data-confidence={answer.confidence.toFixed(2)}>
      {lead ? (
        <span className={`${styles.sureness} ${lead === "unsure" ? styles.unsure : styles.maybe}`} title={fill(w.confidence, { pct: String(Math.round(answer.confidence * 100)) })}>
          {w[lead]}
        </span>
      ) : null}
      <span lang={answer.lang} className={styles.text}>
        {answer.text}
      </span>
      {source ? (
        <span className={styles.source} data-testid="concierge-source">
          {w.source}:{" "}
          <button type="button" className="link" aria-expanded={view?.status === "shown"} onClick={() => onSource(source.id, answer.lang)}>
            {view?.status === "shown" ? w.hideSource : source.title}
          </button>
        </span>
      ) : null}
      {view?.status === "loading" ? <span className={styles.note}>{w.loadingSource}</span> : null}
      {view?.status === "failed" ? (
        <span className="error" role="alert">
          {view.message}
        </span>
      ) : null}
      {view?.status === "shown" ? (
        <article className={styles.article} lang={view.article.lang} data-testid="concierge-article">
          <h3>{view.article.title}</h3>
          {articleBlocks(view.article.body).map((block, i) =>
            block.kind === "heading" ? (
              <h4 key={i}>{block.text}</h4>
            ) : block.kind === "list" ? (
              <ul key={i}>
                {block.items.map((item, j) => (
                  <li key={j}>{item}</li>
                ))}
              </ul>
            ) : (
              <p key={i}>{block.text}</p>
            ),
          )}
        </article>
      ) : null}
      {answer.boothId ? (
        <button type="button" className={styles.takeMe} onClick={() => onTakeMe(answer.boothId!, answer.boothLabel ?? answer.boothId!)}>
          {w.takeMe}
          {answer.boothLabel ? <span className={styles.booth}> · {answer.boothLabel}</span> : null}
        </button>
      ) : null}
      {answer.offerHuman ? (
        <span className={styles.human} data-testid="concierge-offer-human">
          {w.human}
          {onTalkToPerson ? (
            <button type="button" className={styles.person} onClick={() => onTalkToPerson(answer.handover ?? "button")} data-testid="concierge-talk-to-person">
              {w.talkToPerson}
            </button>
          ) : null}
        </span>
      ) : null}
    </li>
  );
}
