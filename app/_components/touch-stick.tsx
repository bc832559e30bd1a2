"use client";
import { useRef, useState, type PointerEvent } from "react";

/** Analog walking input: y forward (+) / back (−), x turn right (+) / left (−), each −1…1. */
export interface StickInput {
  x: number;
  y: number;
}

const RADIUS = 48;

/** An on-screen thumb stick for phones and tablets, shown only where the pointer is coarse; `label` names it for screen readers, in the page's language. */
export function TouchStick({ input, label }: { input: { current: StickInput }; label: string }) {
  const [knob, setKnob] = useState({ x: 0, y: 0 });
  const origin = useRef<{ x: number; y: number; id: number } | null>(null);
  const [coarse] = useState(() => typeof window !== "undefined" && window.matchMedia("(pointer: coarse)").matches);
  if (!coarse) return null;

  const move = (e: PointerEvent) => {
    const o = origin.current;
    if (!o || e.pointerId !== o.id) return;
    let dx = e.clientX - o.x;
    let dy = e.clientY - o.y;
    const d = Math.hypot(dx, dy);
    if (d > RADIUS) {
      dx = (dx / d) * RADIUS;
      dy = (dy / d) * RADIUS;
    }
    setKnob({ x: dx, y: dy });
    input.current = { x: dx / RADIUS, y: -dy / RADIUS };
  };
  const end = () => {
    origin.current = null;
    setKnob({ x: 0, y: 0 });
    input.current = { x: 0, y: 0 };
  };
  return (
    <div
      className="touch-stick"
      aria-label={label}
      onPointerDown={(e) => {
        const rect = e.currentTarget.getBoundingClientRect();
        origin.current = { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2, id: e.pointerId };
        e.currentTarget.setPointerCapture(e.pointerId);
        move(e);
      }}
      onPointerMove={move}
      onPointerUp={end}
      onPointerCancel={end}
    >
      <div className="touch-knob" style={{ transform: `translate(${knob.x}px, ${knob.y}px)` }} />
    </div>
  );
}
