/** Limits shared by client and server so the client never sends what the server refuses. */
export const Limits = {
  /** Largest accepted payload of one message, as JSON characters. */
  maxPayloadChars: 16 * 1024,
  /** Largest payload for signalling messages carrying RTP parameters or capabilities. */
  maxSignalPayloadChars: 48 * 1024,
  /** Hard cap on a WebSocket frame; bigger frames close the connection. */
  maxFrameBytes: 64 * 1024,
  /** Movement updates per second a client may send before updates are dropped. */
  maxMovesPerSecond: 30,
  /** Messages per second (all types) a client may send before they are dropped. */
  maxMessagesPerSecond: 120,
  displayNameMax: 32,
  /** Walking speed in metres per second. */
  walkSpeed: 3,
  /** Longest gap between two moves that still counts towards the allowed distance. */
  maxMoveGapSeconds: 0.25,
  /** Beyond this distance (metres) a voice is not forwarded at all. */
  hearingRadius: 12,
  /** A listener receives at most this many voices (the nearest), plus anyone on a stage. */
  maxVoices: 8,
  /** Beyond this distance (metres) a webcam is not forwarded at all (booth walls also stop it). */
  videoRadius: 15,
  /** At most this many videos flow to one visitor at a time, the nearest first (screen shares first of all). */
  maxVideosPerVisitor: 12,
  /** Longest chat message, in characters. */
  chatMaxChars: 500,
  /** Chat messages per ten seconds a visitor may send. */
  chatPerTenSeconds: 10,
  /** "Nearby" chat reaches the people within this distance (metres). */
  nearbyChatRadius: 8,
  /** Hall-wide chat lines a newcomer is shown. */
  chatHistory: 30,
  /** Shortest gap between two emotes of one visitor (ms). */
  emoteGapMs: 800,
  /** Seconds a dropped visitor's place is kept for them to reconnect. */
  reconnectSeconds: 30,
  /** Longest question to the concierge, in characters. */
  conciergeQuestionMax: 500,
  /** Largest data-channel message, in bytes. */
  maxDataMessageBytes: 4 * 1024,
} as const;
