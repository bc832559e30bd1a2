import type { ServiceHours } from "./service-hours.ts";
import { ALWAYS_OPEN } from "./service-hours.ts";
import type { SlaTargets } from "./sla.ts";

type Label = { en: string; "zh-CN": string };

/** A skill a customer's question can need: what points to it (the concierge's sources, words the customer used). */
export interface SkillRule {
  id: string;
  label: Label;
  /** Knowledge articles about it: a conversation answered from one of these needs this skill. */
  articleIds: readonly string[];
  /** Lower-case words or phrases (en and zh) in the customer's own text. */
  keywords: readonly string[];
}

/** How a hall's service desk works: its skills, wrap-up codes, opening hours and targets. */
export interface HallDeskConfig {
  skills: readonly SkillRule[];
  dispositions: readonly { code: string; label: Label }[];
  hours: ServiceHours;
  sla: SlaTargets;
  /** Answered within this counts towards the service level ("80 % in 20 s"). */
  serviceLevelTargetMs: number;
}

/** Below this a concierge answer's sources say nothing about the question (the concierge's own "unsure"). */
const UNSURE_BELOW = 0.35;

/** The one skill every agent of a hall has: a question nobody could place. */
export const GENERAL_SKILL = "general";

const DISPOSITIONS: HallDeskConfig["dispositions"] = [
  { code: "answered", label: { en: "Question answered", "zh-CN": "问题已解答" } },
  { code: "sale", label: { en: "Sale or order placed", "zh-CN": "已下单" } },
  { code: "appointment", label: { en: "Appointment booked", "zh-CN": "已预约" } },
  { code: "fault", label: { en: "Fault reported", "zh-CN": "故障已登记" } },
  { code: "complaint", label: { en: "Complaint logged", "zh-CN": "投诉已登记" } },
  { code: "follow-up", label: { en: "Needs follow-up", "zh-CN": "需要跟进" } },
  { code: "no-response", label: { en: "Customer did not respond", "zh-CN": "客户无回应" } },
];

const SLA: SlaTargets = { firstResponseMs: 60_000, resolutionMs: 24 * 3600_000 };

const skill = (id: string, en: string, zh: string, articleIds: string[], keywords: string[]): SkillRule => ({ id, label: { en, "zh-CN": zh }, articleIds, keywords });

/** The demo halls' desks, by scene: the skills match the demo agents' (server/seed.ts). Open around the clock so the demo always has someone to hand over to. */
const BY_SCENE: Record<string, Omit<HallDeskConfig, "dispositions" | "sla" | "serviceLevelTargetMs" | "hours">> = {
  "nova-electronics": {
    skills: [
      skill("phones", "Phones", "手机", ["kb-nova-phone-12", "kb-compare-phones", "kb-phone-cases", "kb-screen-repair", "kb-battery-replacement", "kb-lost-device"], ["phone", "iphone", "android", "手机"]),
      skill("laptops", "Laptops and tablets", "电脑与平板", ["kb-novabook-air", "kb-nova-tab", "kb-software-updates"], ["laptop", "notebook", "tablet", "macbook", "电脑", "笔记本", "平板"]),
      skill("tv-audio", "TV and audio", "电视与音响", ["kb-vista-oled-65", "kb-pulse-speaker", "kb-nova-buds-max", "kb-tv-installation"], ["tv", "television", "speaker", "headphones", "earbuds", "电视", "音响", "耳机"]),
      skill("smart-home", "Smart home and wearables", "智能家居与穿戴", ["kb-nova-watch", "kb-aperture-z50", "kb-setup-service"], ["watch", "camera", "smart home", "手表", "相机", "智能家居"]),
      skill("returns", "Returns, refunds and repairs", "退换货与维修", ["kb-returns", "kb-refunds", "kb-repairs", "kb-warranty", "kb-nova-care", "kb-order-tracking", "kb-delivery"], ["return", "refund", "repair", "broken", "warranty", "delivery", "order", "退货", "退款", "维修", "坏了", "保修", "快递", "订单"]),
    ],
  },
  "meridian-bank": {
    skills: [
      skill("cards", "Cards", "银行卡", ["kb-platinum-card", "kb-classic-credit-card", "kb-debit-card", "kb-lost-card", "kb-pin", "kb-mobile-wallets", "kb-fraud"], ["card", "credit card", "debit", "pin", "fraud", "卡", "信用卡", "借记卡", "盗刷", "密码"]),
      skill("accounts", "Accounts", "账户", ["kb-current-account", "kb-open-account", "kb-student-account", "kb-business-account", "kb-statements", "kb-change-details", "kb-online-banking", "kb-meridian-app", "kb-fees"], ["account", "statement", "app", "online banking", "账户", "开户", "对账单", "网银"]),
      skill("savings", "Savings and investing", "储蓄与投资", ["kb-savings", "kb-term-deposits", "kb-kids-savings", "kb-investing", "kb-pensions"], ["savings", "deposit", "interest", "invest", "pension", "储蓄", "存款", "利率", "投资", "养老"]),
      skill("loans", "Loans and mortgages", "贷款与房贷", ["kb-home-loans", "kb-first-time-buyers", "kb-remortgage", "kb-personal-loans", "kb-overdraft"], ["loan", "mortgage", "overdraft", "borrow", "贷款", "房贷", "透支", "借钱"]),
    ],
  },
};

/** The desk of a hall showing `sceneId` (a hall of another scene gets the general skill only, open around the clock). */
export function deskConfigFor(sceneId: string): HallDeskConfig {
  return { skills: BY_SCENE[sceneId]?.skills ?? [], dispositions: DISPOSITIONS, hours: ALWAYS_OPEN, sla: SLA, serviceLevelTargetMs: 20_000 };
}

/**
 * The skill a customer needs, from what they asked: the skill whose articles the concierge
 * answered from (most recent first), else whose words they used, else the general one.
 */
export function skillFor(config: HallDeskConfig, turns: readonly { role: string; text: string; sources: readonly string[]; confidence?: number | null }[]): string {
  for (const turn of [...turns].reverse()) {
    // An answer the concierge was unsure of is no sign of what the question was about.
    if ((turn.confidence ?? 1) < UNSURE_BELOW) continue;
    for (const source of turn.sources) {
      const found = config.skills.find((s) => s.articleIds.includes(source));
      if (found) return found.id;
    }
  }
  for (const turn of [...turns].reverse()) {
    if (turn.role !== "customer") continue;
    const text = turn.text.toLowerCase();
    const found = config.skills.find((s) => s.keywords.some((k) => (/^[a-z ]+$/.test(k) ? new RegExp(`\\b${k}s?\\b`).test(text) : text.includes(k))));
    if (found) return found.id;
  }
  return GENERAL_SKILL;
}
