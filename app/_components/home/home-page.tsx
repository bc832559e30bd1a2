"use client";
import Link from "next/link";
import { useCallback, useEffect, useState } from "react";
import type { Scene } from "../../../scenes/scene-format.ts";
import { useLang, type Dictionary, type Lang } from "../../_i18n/lang.ts";
import { LangSwitch } from "../../_i18n/lang-switch.tsx";
import { HallPlan } from "./hall-plan.tsx";

type Word = "title" | "lead" | "halls" | "loading" | "failed" | "retry" | "none" | "enter" | "enterLabel" | "booths" | "concierge" | "plan" | "checkBefore" | "checkLink" | "checkAfter" | "staff" | "boothList";

const WORDS: Dictionary<Word> = {
  en: {
    title: "Walk into a service hall",
    lead: "Atrium puts a company's showroom in your browser. Come in as an avatar, look around the products, ask the AI concierge — in English or Chinese — and talk to the people you meet, with your voice.",
    halls: "Halls open now",
    loading: "Loading the halls…",
    failed: "The list of halls could not be loaded ({error}).",
    retry: "Try again",
    none: "No halls are open yet.",
    enter: "Enter",
    enterLabel: "Enter {name}",
    booths: "{n} product booths",
    concierge: "AI concierge at the reception",
    plan: "Floor plan of {name}",
    checkBefore: "First time here? ",
    checkLink: "Check your microphone, camera, speakers and connection",
    checkAfter: " before you walk in.",
    staff: "Staff sign-in",
    boothList: "Booths: {list}.",
  },
  "zh-CN": {
    title: "走进线上服务大厅",
    lead: "Atrium 把企业的展厅搬进浏览器。以虚拟形象走进来，逛逛产品展位，用中文或英文向 AI 礼宾提问，还能和遇到的人语音交谈。",
    halls: "正在开放的大厅",
    loading: "正在加载大厅…",
    failed: "无法加载大厅列表（{error}）。",
    retry: "重试",
    none: "暂时没有开放的大厅。",
    enter: "进入",
    enterLabel: "进入{name}",
    booths: "{n} 个产品展位",
    concierge: "接待台有 AI 礼宾",
    plan: "{name}平面图",
    checkBefore: "第一次来？进入前先",
    checkLink: "检查麦克风、摄像头、扬声器和网络连接",
    checkAfter: "。",
    staff: "员工登录",
    boothList: "展位：{list}。",
  },
};

/** What the demo halls are, in both languages; a hall without a line here is described by its booths. */
const SCENE_LINES: Record<string, Record<Lang, string>> = {
  "nova-electronics": {
    en: "A bright electronics store: phones, laptops, tablets, wearables, TV and sound, with a support bar and a quiet consultation room.",
    "zh-CN": "明亮的电子产品商店：手机、笔记本电脑、平板、可穿戴设备、电视与音响，还有售后服务台和安静的咨询室。",
  },
  "meridian-bank": {
    en: "A marble banking hall: cards, the Meridian app, home loans, savings and investing, self-service, and private advisory offices.",
    "zh-CN": "大理石装饰的银行大厅：信用卡、Meridian 手机银行、房贷、储蓄与投资、自助服务区，以及私密的理财顾问室。",
  },
};

const fill = (text: string, values: Record<string, string | number>) => text.replace(/\{(\w+)\}/g, (_, k: string) => String(values[k] ?? ""));

interface HallSummary {
  hall: { id: string; name: string; sceneId: string };
  /** Missing when the hall's scene could not be loaded: the hall is still listed, without a plan. */
  scene?: Scene;
}

type Listing = { at: "loading" } | { at: "failed"; error: string } | { at: "ready"; halls: HallSummary[] };

async function loadHalls(): Promise<HallSummary[]> {
  const response = await fetch("/api/halls");
  if (!response.ok) throw new Error(`${response.status} ${response.statusText}`.trim());
  const { halls } = (await response.json()) as { halls: HallSummary["hall"][] };
  // Each hall's scene draws its plan; one that fails is still listed, so it can be entered.
  return Promise.all(
    halls.map(async (hall) => {
      const detail = await fetch(`/api/halls/${encodeURIComponent(hall.id)}`)
        .then((r) => (r.ok ? (r.json() as Promise<{ scene: Scene }>) : undefined))
        .catch(() => undefined);
      return { hall, scene: detail?.scene };
    }),
  );
}

/** The home page: the halls this server has open, with a plan and a line on each, in zh-CN or en. */
export function HomePage() {
  const [lang, setLang] = useLang();
  const [listing, setListing] = useState<Listing>({ at: "loading" });
  const w = WORDS[lang];

  const load = useCallback(() => {
    setListing({ at: "loading" });
    loadHalls().then(
      (halls) => setListing({ at: "ready", halls }),
      (error: unknown) => setListing({ at: "failed", error: error instanceof Error ? error.message : String(error) }),
    );
  }, []);
  useEffect(load, [load]);

  return (
    <div className="home">
      <header className="home-bar">
        <span className="brand">
          <span className="brand-mark" aria-hidden />
          Atrium
        </span>
        <nav className="home-nav" aria-label="Atrium">
          <LangSwitch lang={lang} onChange={setLang} />
          <Link href="/signin" className="staff-link">
            {w.staff}
          </Link>
        </nav>
      </header>
      <main className="landing">
        <h1>{w.title}</h1>
        <p className="lead">{w.lead}</p>
        <h2 className="section-title">{w.halls}</h2>
        {listing.at === "loading" ? (
          <p className="status-line" role="status">
            {w.loading}
          </p>
        ) : listing.at === "failed" ? (
          <div className="load-failed">
            <p className="error" role="alert">
              {fill(w.failed, { error: listing.error })}
            </p>
            <button type="button" onClick={load}>
              {w.retry}
            </button>
          </div>
        ) : listing.halls.length === 0 ? (
          <p className="status-line">{w.none}</p>
        ) : (
          <ul className="hall-cards" data-testid="halls">
            {listing.halls.map(({ hall, scene }) => (
              <li key={hall.id} className="hall-card">
                <div className="hall-picture">{scene ? <HallPlan scene={scene} label={fill(w.plan, { name: hall.name })} /> : null}</div>
                <div className="hall-card-body">
                  <h3>{hall.name}</h3>
                  <p>{SCENE_LINES[hall.sceneId]?.[lang] ?? (scene && scene.booths.length > 0 ? fill(w.boothList, { list: scene.booths.map((b) => b.label).join(", ") }) : "")}</p>
                  {scene ? (
                    <ul className="hall-facts">
                      <li>{fill(w.booths, { n: scene.booths.length })}</li>
                      {scene.reception ? <li>{w.concierge}</li> : null}
                    </ul>
                  ) : null}
                  <Link href={`/hall/${encodeURIComponent(hall.id)}`} className="enter" aria-label={fill(w.enterLabel, { name: hall.name })}>
                    {w.enter} <span aria-hidden>→</span>
                  </Link>
                </div>
              </li>
            ))}
          </ul>
        )}
        <p className="status-line check-note">
          {w.checkBefore}
          <Link href="/check">{w.checkLink}</Link>
          {w.checkAfter}
        </p>
      </main>
    </div>
  );
}
