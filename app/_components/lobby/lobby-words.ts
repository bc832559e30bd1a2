import type { AVATAR_CHOICE_BUILDS, AVATAR_CHOICE_HAIR, AVATAR_CHOICE_TOPS } from "../../../game-server/protocol/avatar-choice.ts";
import type { Dictionary } from "../../_i18n/lang.ts";

type Word =
  // lobby-card.tsx
  | "hint"
  | "displayName"
  | "yourName"
  | "withMic"
  | "entering"
  | "enter"
  | "keys"
  // avatar-preview.tsx
  | "preview"
  // avatar-picker.tsx
  | "presets"
  | "skinTone"
  | "height"
  | "cm"
  | "build"
  | "hair"
  | "top"
  | "hairColour"
  | "topColour"
  | "swatch"
  | "ownLook"
  // avatar-upload.tsx
  | "upload"
  | "uploadAnother"
  | "uploadHint"
  | "checking"
  | "uploading"
  | "uploadFailed"
  | "uploadBroke"
  | "using";

/** The lobby's words, before entering a hall. The English is what e2e/ fills and clicks by: keep it. */
export const LOBBY_WORDS: Dictionary<Word> = {
  en: {
    hint: "Choose your name and how you look to others.",
    displayName: "Display name",
    yourName: "Your name",
    withMic: "Join with my microphone on",
    entering: "Entering…",
    enter: "Enter the hall",
    keys: "Walk with W A S D or the arrow keys.",
    preview: "Preview of your avatar",
    presets: "Preset looks",
    skinTone: "Skin tone",
    height: "Height",
    cm: "{n} cm",
    build: "Build",
    hair: "Hair",
    top: "Top",
    hairColour: "Hair colour",
    topColour: "Top colour",
    swatch: "{label} {color}",
    ownLook: "You are using your own avatar. Pick a preset to go back to a generated look.",
    upload: "Upload your own (.glb)",
    uploadAnother: "Upload another (.glb)",
    uploadHint: "Ready Player Me compatible, up to 8 MB",
    checking: "Checking {file}…",
    uploading: "Uploading {file}…",
    uploadFailed: "The upload failed ({status}).",
    uploadBroke: "The upload failed: {error}",
    using: "Using {file}.",
  },
  "zh-CN": {
    hint: "设置您的名字和形象，展厅里的其他人会看到。",
    displayName: "显示名称",
    yourName: "您的名字",
    withMic: "进入时开启麦克风",
    entering: "正在进入…",
    enter: "进入展厅",
    keys: "使用 W A S D 或方向键走动。",
    preview: "您的形象预览",
    presets: "预设形象",
    skinTone: "肤色",
    height: "身高",
    cm: "{n} 厘米",
    build: "体型",
    hair: "发型",
    top: "上衣",
    hairColour: "发色",
    topColour: "上衣颜色",
    swatch: "{label} {color}",
    ownLook: "您正在使用自己上传的形象。选择一个预设形象即可换回生成的形象。",
    upload: "上传自己的形象（.glb）",
    uploadAnother: "重新上传（.glb）",
    uploadHint: "兼容 Ready Player Me，最大 8 MB",
    checking: "正在检查 {file}…",
    uploading: "正在上传 {file}…",
    uploadFailed: "上传失败（{status}）。",
    uploadBroke: "上传失败：{error}",
    using: "正在使用 {file}。",
  },
};

type Look = (typeof AVATAR_CHOICE_BUILDS)[number] | (typeof AVATAR_CHOICE_HAIR)[number] | (typeof AVATAR_CHOICE_TOPS)[number];

/** The options of the build, hair and top menus. (The preset looks are people's names, the same in both languages.) */
export const LOOK_WORDS: Dictionary<Look> = {
  en: { slim: "Slim", average: "Average", broad: "Broad", curvy: "Curvy", short: "Short", bob: "Bob", long: "Long", bun: "Bun", buzz: "Buzz", bald: "Bald", tshirt: "T-shirt", hoodie: "Hoodie" },
  "zh-CN": { slim: "偏瘦", average: "适中", broad: "健壮", curvy: "丰满", short: "短发", bob: "波波头", long: "长发", bun: "丸子头", buzz: "寸头", bald: "光头", tshirt: "T恤", hoodie: "连帽衫" },
};
