import type { Dictionary } from "../../_i18n/lang.ts";

type Word = "cameraOn" | "cameraOff" | "shareScreen" | "stopSharing" | "you" | "sharing" | "viewFull" | "screenOf" | "close" | "waitingPicture";

/** The words of the camera and screen-share controls, the self view and the share viewer. The English is what e2e/ clicks: keep it. */
export const VIDEO_WORDS: Dictionary<Word> = {
  en: {
    cameraOn: "Camera on",
    cameraOff: "Camera off",
    shareScreen: "Share screen",
    stopSharing: "Stop sharing",
    you: "You",
    sharing: "{name} is sharing their screen",
    viewFull: "View full screen",
    screenOf: "{name}'s screen",
    close: "Close",
    waitingPicture: "Waiting for the picture…",
  },
  "zh-CN": {
    cameraOn: "开启摄像头",
    cameraOff: "关闭摄像头",
    shareScreen: "共享屏幕",
    stopSharing: "停止共享",
    you: "我",
    sharing: "{name} 正在共享屏幕",
    viewFull: "全屏查看",
    screenOf: "{name} 的屏幕",
    close: "关闭",
    waitingPicture: "正在等待画面…",
  },
};
