/**
 * What a MediaRoom tells one peer about media it should start or stop receiving. The SFU owns
 * these names; their strings are the wire names the hall client listens for, so the hall can
 * pass them straight to `client.send(type, payload)`.
 */
export const MediaNotice = {
  newConsumer: "rtc:newConsumer",
  newDataConsumer: "rtc:newDataConsumer",
  consumerClosed: "rtc:consumerClosed",
  dataConsumerClosed: "rtc:dataConsumerClosed",
} as const;

export type MediaNoticeType = (typeof MediaNotice)[keyof typeof MediaNotice];

/** How a MediaRoom tells a peer about media it should start or stop receiving. */
export type MediaNotify = (peerId: string, type: MediaNoticeType, payload: object) => void;
