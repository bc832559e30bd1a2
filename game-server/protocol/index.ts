// The only part of game-server that the app imports: message names, payload types and validators.
export * from "./errors.ts";
export * from "./limits.ts";
export * from "./messages.ts";
export * from "./media.ts";
export * from "./hall-state.ts";
export * from "./avatar-choice.ts";
export * from "./pose-packet.ts";
export * from "./face-packet.ts";
export * from "./social.ts";
export * from "./qoe.ts";
export * from "./concierge.ts";
export * from "./service.ts";
export * from "./board.ts";
export * from "./assist.ts";
export * from "./studio.ts";
