/** Why a microphone or camera could not be opened, in the few kinds a visitor can act on. */
export type MediaProblem = "denied" | "missing" | "busy" | "insecure" | "failed";

export type LocalDeviceKind = "microphone" | "camera";

/** Sorts a getUserMedia rejection (a DOMException, by name) into what the visitor can do about it. */
export function mediaProblem(error: unknown): MediaProblem {
  const name = (error as { name?: unknown } | null)?.name;
  switch (name) {
    case "NotAllowedError":
    case "SecurityError": // blocked by a policy rather than by the visitor: the same fix applies
      return "denied";
    case "NotFoundError":
    case "OverconstrainedError": // the remembered device is gone
      return "missing";
    case "NotReadableError":
    case "AbortError": // Firefox's word for a device that would not start
      return "busy";
    default:
      return "failed";
  }
}

export interface ProblemText {
  title: string;
  help: string;
}

/** What to tell the visitor, per device and problem: what happened, then what to do. */
export function problemText(kind: LocalDeviceKind, problem: MediaProblem, detail?: string): ProblemText {
  const device = kind === "microphone" ? "microphone" : "camera";
  const Device = kind === "microphone" ? "Microphone" : "Camera";
  switch (problem) {
    case "denied":
      return {
        title: `${Device} access is blocked`,
        help: `Your browser did not let this page use the ${device}. Click the camera or lock icon in the address bar, allow the ${device}, then press “Try again”.`,
      };
    case "missing":
      return {
        title: `No ${device} found`,
        help: `Plug in or switch on a ${device}${kind === "microphone" ? " or headset" : ""}, then press “Try again”.`,
      };
    case "busy":
      return {
        title: `${Device} is busy`,
        help: `Another app or browser tab is using the ${device}, or the system is holding it. Close other call apps, then press “Try again”.`,
      };
    case "insecure":
      return {
        title: "Devices need a secure page",
        help: "Browsers only share cameras and microphones with pages opened over HTTPS (or on localhost).",
      };
    default:
      return { title: `${Device} could not start`, help: detail ? `The browser said: ${detail}` : "Press “Try again”, or choose another device." };
  }
}
