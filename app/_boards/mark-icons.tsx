import type { MarkTool } from "./screen-marks.ts";

/** Small line icons for the mark tools (drawn here: nothing is fetched). */
const common = { viewBox: "0 0 24 24", fill: "none", stroke: "currentColor", strokeWidth: 2, strokeLinecap: "round", strokeLinejoin: "round", "aria-hidden": true } as const;

export function ToolIcon({ tool }: { tool: MarkTool | "pin" | "clear" }) {
  switch (tool) {
    case "arrow":
      return (
        <svg {...common}>
          <path d="M5 19 19 5M10 5h9v9" />
        </svg>
      );
    case "circle":
      return (
        <svg {...common}>
          <ellipse cx="12" cy="12" rx="9" ry="7" />
        </svg>
      );
    case "highlight":
      return (
        <svg {...common}>
          <path d="m15 4 5 5-9 9H6v-5z" />
          <path d="M4 21h9" strokeWidth={3} opacity={0.55} />
        </svg>
      );
    case "pointer":
      return (
        <svg {...common}>
          <circle cx="12" cy="12" r="3" fill="currentColor" />
          <circle cx="12" cy="12" r="8" opacity={0.5} />
        </svg>
      );
    case "pin":
      return (
        <svg {...common}>
          <path d="M9 4h6l-1 6 3 3H7l3-3zM12 13v7" />
        </svg>
      );
    case "clear":
      return (
        <svg {...common}>
          <path d="M4 7h16M9 7V4h6v3M6 7l1 13h10l1-13" />
        </svg>
      );
  }
}
