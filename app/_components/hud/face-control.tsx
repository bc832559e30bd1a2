"use client";
import { useEffect, useState } from "react";
import type { HallClient } from "../../_hall-client/hall-client.ts";
import type { Dictionary, Lang } from "../../_i18n/lang.ts";

type Word = "on" | "off" | "title" | "starting" | "calibrating" | "running" | "no-camera" | "denied" | "no-face" | "lost-face" | "failed";

export const FACE_WORDS: Dictionary<Word> = {
  en: {
    on: "Face tracking on",
    off: "Face tracking",
    title: "Your avatar's face follows yours. Your camera stays on this device: no video is sent, only the avatar's movements.",
    starting: "Starting face tracking…",
    calibrating: "Look at the camera for a moment…",
    running: "Your avatar follows your face",
    "no-camera": "No camera found",
    denied: "Camera access is blocked",
    "no-face": "No face in view",
    "lost-face": "Face lost — look at the camera",
    failed: "Face tracking could not start",
  },
  "zh-CN": {
    on: "面部驱动已开启",
    off: "面部驱动",
    title: "您的虚拟形象会跟随您的表情。摄像头画面只留在本机，不会发送视频，只发送形象的动作。",
    starting: "正在启动面部驱动…",
    calibrating: "请看向摄像头片刻…",
    running: "形象正跟随您的表情",
    "no-camera": "未找到摄像头",
    denied: "摄像头权限被拒绝",
    "no-face": "画面中没有检测到人脸",
    "lost-face": "人脸丢失，请看向摄像头",
    failed: "面部驱动无法启动",
  },
};

/** Re-renders while face tracking changes state (its stream is replaced on every start). */
export function useFaceState(client: HallClient): string {
  const [, bump] = useState(0);
  useEffect(() => {
    const face = client.face;
    if (!face) return;
    return face.subscribe(() => bump((n) => n + 1));
  });
  return client.face ? (client.face.state === "running" && client.face.calibrating ? "calibrating" : client.face.state) : "off";
}

/**
 * "Face tracking": the visitor's own face drives their digital human. Off by default ("avatar
 * only"); while on, the camera is read on this device and no video track is produced.
 */
export function FaceControl({ client, lang }: { client: HallClient; lang: Lang }) {
  const w = FACE_WORDS[lang];
  const state = useFaceState(client);
  const [busy, setBusy] = useState(false);
  const on = state !== "off";
  const toggle = async () => {
    setBusy(true);
    try {
      if (client.face) client.stopFace();
      else await client.startFace();
    } finally {
      setBusy(false);
    }
  };
  const status = on && state !== "running" ? w[state as Word] : undefined;
  return (
    <>
      <button type="button" className={on ? "" : "secondary"} aria-pressed={on} title={w.title} onClick={() => void toggle()} disabled={busy} data-testid="face-toggle" data-state={state}>
        {on ? w.on : w.off}
      </button>
      {status ? (
        <span className="panel face-status" role="status" data-testid="face-status">
          {status}
        </span>
      ) : null}
    </>
  );
}
