import type { TicketPriority, TicketStatus } from "../../game-server/protocol/service.ts";
import type { Lang } from "../_i18n/lang.ts";
import staff from "../_staff/staff.module.css";
import { PRIORITY_TONE, PRIORITY_WORDS, STATUS_TONE, STATUS_WORDS } from "./ticket-text.ts";

export function StatusPill({ status, lang }: { status: TicketStatus; lang: Lang }) {
  return (
    <span className={staff.pill} data-tone={STATUS_TONE[status] ?? "grey"}>
      {STATUS_WORDS[lang][status] ?? status}
    </span>
  );
}

export function PriorityPill({ priority, lang }: { priority: TicketPriority; lang: Lang }) {
  return (
    <span className={staff.pill} data-tone={PRIORITY_TONE[priority] ?? "grey"}>
      {PRIORITY_WORDS[lang][priority] ?? priority}
    </span>
  );
}
