import type { Dictionary } from "../_i18n/lang.ts";

type Key =
  | "skip" | "nav" | "agentConsole" | "supervisor" | "tickets" | "studio" | "signOut" | "signingOut" | "signOutFailed" | "signedInAs"
  | "checking" | "redirecting" | "failed" | "retry" | "forbidden" | "forbiddenWho" | "home"
  | "agents" | "supervisors" | "admins" | "marketers"
  | "noRating" | "stars" | "dash";

/** The words every staff page shares: the top bar and the sign-in gate. `{roles}`, `{name}`, `{role}`, `{n}` are filled in. */
export const staffText: Dictionary<Key> = {
  en: {
    skip: "Skip to content",
    nav: "Staff pages",
    agentConsole: "Agent console",
    supervisor: "Supervisor",
    tickets: "Tickets",
    studio: "Studio",
    signOut: "Sign out",
    signingOut: "Signing out…",
    signOutFailed: "Could not sign out. Try again.",
    signedInAs: "Signed in as",
    checking: "Checking your sign-in…",
    redirecting: "Taking you to sign in…",
    failed: "Could not check your sign-in. Check your connection and try again.",
    retry: "Try again",
    forbidden: "This page is for {roles}.",
    forbiddenWho: "You are signed in as {name} ({role}). Use the links above for the pages you can open, or sign out and sign in with another account.",
    home: "Atrium home",
    agents: "agents",
    supervisors: "supervisors",
    admins: "administrators",
    marketers: "marketers",
    noRating: "not rated",
    stars: "{n} out of 5 stars",
    dash: "—",
  },
  "zh-CN": {
    skip: "跳到主要内容",
    nav: "员工页面",
    agentConsole: "客服工作台",
    supervisor: "主管视图",
    tickets: "工单",
    studio: "展厅工作室",
    signOut: "退出登录",
    signingOut: "正在退出…",
    signOutFailed: "退出失败，请重试。",
    signedInAs: "当前登录",
    checking: "正在检查登录状态…",
    redirecting: "正在前往登录页…",
    failed: "无法检查登录状态，请检查网络后重试。",
    retry: "重试",
    forbidden: "此页面仅供{roles}使用。",
    forbiddenWho: "您当前以 {name}（{role}）身份登录。请使用上方链接打开您有权限的页面，或退出后换用其他账号登录。",
    home: "Atrium 首页",
    agents: "客服专员",
    supervisors: "主管",
    admins: "管理员",
    marketers: "营销人员",
    noRating: "未评价",
    stars: "{n} 星（满分 5 星）",
    dash: "—",
  },
};

/** `{key}` placeholders filled in; a missing value leaves nothing rather than "undefined". */
export const fill = (text: string, values: Record<string, string | number>) => text.replace(/\{(\w+)\}/g, (_, k: string) => String(values[k] ?? ""));
