import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import type { StaffUser } from "../signin/staff-auth-client.ts";
import { StaffBar } from "./staff-bar.tsx";
import { GateNotice } from "./staff-page.tsx";

const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, " ")
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ")
    .trim();

const ada: StaffUser = { id: "s1", name: "Ada Park", role: "supervisor", hallIds: [], skills: [], languages: ["en"] };
const bar = (user: StaffUser | undefined, pathname: string, lang: "en" | "zh-CN" = "en") => renderToStaticMarkup(<StaffBar user={user} lang={lang} onLang={() => undefined} pathname={pathname} />);

describe("the staff bar", () => {
  it("links the pages the role can open, marking the one we are on", () => {
    const html = bar(ada, "/tickets/1001");
    expect(html).toContain('<nav aria-label="Staff pages"');
    expect(text(html)).toContain("Agent console Supervisor Tickets");
    expect(html).toMatch(/<a aria-current="page" href="\/tickets">Tickets<\/a>/);
    expect(html.match(/aria-current/g)).toHaveLength(1);
  });

  it("says who is signed in, with their role, and offers sign out, a skip link and the languages", () => {
    const html = bar(ada, "/supervisor");
    expect(text(html)).toContain("Signed in as Ada Park Supervisor");
    expect(text(html)).toContain("Sign out");
    expect(html).toContain('href="#main"');
    expect(html).toContain('aria-label="Language / 语言"');
    expect(text(bar(ada, "/supervisor", "zh-CN"))).toContain("客服工作台 主管视图 工单");
  });

  it("shows no nav and no sign-out before it knows who is there", () => {
    const html = bar(undefined, "/tickets");
    expect(html).not.toContain("<nav");
    expect(text(html)).not.toContain("Sign out");
  });
});

describe("the gate", () => {
  it("tells a signed-in staff member of another role who the page is for", () => {
    const agent: StaffUser = { ...ada, name: "Bo", role: "agent" };
    const t = text(renderToStaticMarkup(<GateNotice gate={{ at: "forbidden", user: agent }} roles={["supervisor", "admin"]} lang="en" />));
    expect(t).toContain("This page is for supervisors and administrators.");
    expect(t).toContain("You are signed in as Bo (Agent).");
    expect(text(renderToStaticMarkup(<GateNotice gate={{ at: "forbidden", user: agent }} roles={["supervisor", "admin"]} lang="zh-CN" />))).toContain("此页面仅供主管和管理员使用。");
  });

  it("offers to try again when the sign-in could not be checked", () => {
    const html = renderToStaticMarkup(<GateNotice gate={{ at: "failed", retry: () => undefined }} roles={["agent"]} lang="en" />);
    expect(html).toContain('role="alert"');
    expect(text(html)).toContain("Try again");
  });
});
