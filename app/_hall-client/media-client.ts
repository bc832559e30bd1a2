import { Device, type types } from "mediasoup-client";
import type { Room } from "@colyseus/sdk";
import { readDevicePreferences } from "../_devices/device-preferences.ts";
import { ClientMessageName as Msg, ServerMessage, type DataLabel, type MediaRestart, type MediaSource, type NewConsumer, type NewDataConsumer, type TransportOptions, type VideoDisplay } from "../../game-server/protocol/index.ts";
import { DataChannels, type DataChannel, type DataChannelOptions } from "./data-channels.ts";
import { CAMERA_ENCODINGS, openCamera, openScreen, SCREEN_ENCODINGS, vp8Of } from "./local-video.ts";
import { request, send as sendMessage } from "./room-request.ts";

export interface MediaStats {
  inboundAudioBytes: number;
  outboundAudioBytes: number;
  inboundAudioTracks: number;
  /** Received audio's time in the jitter buffer, summed (s), and the samples it let out: their ratio is the mean buffering delay. */
  inboundAudioJitterBufferSeconds: number;
  inboundAudioEmittedSamples: number;
}

/** Where received tracks go: audio into spatial voices, video onto panels and screens (`VideoTracks`). */
export interface TrackSink {
  add(consumerId: string, peerId: string, track: MediaStreamTrack, source?: MediaSource): void;
  remove(consumerId: string): void;
}

/** A message that arrived on another visitor's data channel. */
export interface ReceivedData {
  fromPeerId: string;
  label: string;
  /** Text as sent; binary messages as an ArrayBuffer. */
  data: string | ArrayBuffer;
}

/**
 * The browser's side of the SFU: one send and one receive transport, the microphone, camera
 * and screen share, the data channels a feature opens ({@link openDataChannel}), and a
 * consumer for each remote producer the hall hands us.
 */
export class MediaClient {
  readonly #room: Room;
  readonly #device = new Device();
  #send?: types.Transport;
  #recv?: types.Transport;
  #recvReady: Promise<types.Transport>;
  #markRecvReady!: (t: types.Transport) => void;
  #mic?: types.Producer;
  /** Kept across a media restart so the visitor is not asked for the microphone again. */
  #micTrack?: MediaStreamTrack;
  #camera?: types.Producer;
  #screen?: types.Producer;
  /** Kept across a media restart like the microphone's (no new prompt, no new screen picker). */
  #cameraTrack?: MediaStreamTrack;
  #screenTrack?: MediaStreamTrack;
  readonly #localVideoListeners = new Set<() => void>();
  /** How many times the media was rebuilt after the server lost it. */
  generation = 0;
  #restarting?: Promise<void>;
  readonly #restartListeners = new Set<(reconnecting: boolean) => void>();
  /** Our outgoing data channels, opened on demand and reopened after a media restart. */
  readonly #channels = new DataChannels();
  /** The hall channels this page receives: none until a feature asks ({@link receiveData}). */
  #receiving: DataLabel[] = [];
  /** Whether the SFU knows this page (rtc:join answered): before that, the set goes with the join. */
  #joined = false;
  readonly #consumers = new Map<string, types.Consumer>();
  readonly #audioSink: TrackSink;
  readonly #videoSink?: TrackSink;
  readonly #dataConsumers = new Map<string, types.DataConsumer>();
  /** The last 100 messages received on other visitors' data channels (for debugging and tests; features use {@link onData}). */
  readonly received: ReceivedData[] = [];
  readonly #dataListeners = new Set<(d: ReceivedData) => void>();
  readonly #transportListeners = new Set<(t: { send: types.Transport; recv: types.Transport }) => void>();

  constructor(room: Room, audioSink: TrackSink, videoSink?: TrackSink) {
    this.#room = room;
    this.#audioSink = audioSink;
    this.#videoSink = videoSink;
    this.#recvReady = new Promise((resolve) => (this.#markRecvReady = resolve));
    room.onMessage(ServerMessage.newConsumer, (m: NewConsumer) => void this.#onNewConsumer(m).catch(reportError));
    room.onMessage(ServerMessage.newDataConsumer, (m: NewDataConsumer) => void this.#onNewDataConsumer(m).catch(reportError));
    room.onMessage(ServerMessage.consumerClosed, ({ consumerId }: { consumerId: string }) => this.#closeConsumer(consumerId));
    room.onMessage(ServerMessage.dataConsumerClosed, ({ dataConsumerId }: { dataConsumerId: string }) => {
      this.#dataConsumers.get(dataConsumerId)?.close();
      this.#dataConsumers.delete(dataConsumerId);
    });
    room.onMessage(ServerMessage.restart, (m: MediaRestart) => void this.restart(m).catch(reportError));
  }

  async start(): Promise<void> {
    // Opaque on the wire (protocol `Replies`); mediasoup-client owns the shape.
    const routerRtpCapabilities = (await request(this.#room, Msg.capabilities, undefined, SIGNAL)) as types.RtpCapabilities;
    await this.#device.load({ routerRtpCapabilities });
    await this.#connect();
  }

  /**
   * The server rebuilt this hall's media (its worker died): drop every transport and set them
   * up again, with the same microphone track. No page reload, no new permission prompt.
   */
  async restart(fresh?: Pick<MediaRestart, "send" | "recv">): Promise<void> {
    if (this.#restarting) return this.#restarting;
    this.#emitRestart(true);
    this.#restarting = (async () => {
      this.generation++;
      this.#recvReady = new Promise((resolve) => (this.#markRecvReady = resolve));
      this.#teardown();
      await this.#connect(this.#micTrack, fresh);
    })().finally(() => {
      this.#restarting = undefined;
      this.#emitRestart(false);
    });
    return this.#restarting;
  }

  get reconnecting(): boolean {
    return this.#restarting !== undefined;
  }

  /** Told each time the send and receive transports are created (first connect, after a media restart). */
  onTransports(listener: (transports: { send: types.Transport; recv: types.Transport }) => void): () => void {
    this.#transportListeners.add(listener);
    return () => this.#transportListeners.delete(listener);
  }

  /** Told when a media restart begins (true) and ends (false). */
  onReconnecting(listener: (reconnecting: boolean) => void): () => void {
    this.#restartListeners.add(listener);
    return () => this.#restartListeners.delete(listener);
  }

  #emitRestart(reconnecting: boolean): void {
    for (const l of this.#restartListeners) l(reconnecting);
  }

  /** Joins the hall's media and opens both transports; independent steps run side by side. */
  async #connect(micTrack?: MediaStreamTrack, fresh?: Pick<MediaRestart, "send" | "recv">): Promise<void> {
    let sendOptions: TransportOptions;
    let recvOptions: TransportOptions;
    if (fresh) {
      ({ send: sendOptions, recv: recvOptions } = fresh); // the server already knows us and made them
    } else {
      // SCTP is negotiated on both transports although no channel is open at join: receiving
      // another visitor's channel, or opening one later (openDataChannel), then needs no new
      // transports. An SCTP association without streams costs only its heartbeats.
      await request(this.#room, Msg.join, { rtpCapabilities: this.#device.recvRtpCapabilities, dataChannels: true, dataLabels: this.#receiving }, SIGNAL);
      this.#joined = true;
      [sendOptions, recvOptions] = await Promise.all([request(this.#room, Msg.createTransport, { direction: "send" }, SIGNAL), request(this.#room, Msg.createTransport, { direction: "recv" }, SIGNAL)]);
    }
    const send = (this.#send = this.#device.createSendTransport(sendOptions as types.TransportOptions));
    this.#wireConnect(send);
    send.on("produce", ({ kind, rtpParameters, appData }, callback, errback) => {
      request(this.#room, Msg.produce, { transportId: send.id, kind, rtpParameters, source: appData.source as MediaSource }, SIGNAL).then(({ producerId }) => callback({ id: producerId }), errback);
    });
    send.on("producedata", ({ sctpStreamParameters, label, protocol }, callback, errback) => {
      request(this.#room, Msg.produceData, { transportId: send.id, sctpStreamParameters, label: label ?? "", protocol: protocol ?? "" }, SIGNAL).then(({ dataProducerId }) => callback({ id: dataProducerId }), errback);
    });
    this.#recv = this.#device.createRecvTransport(recvOptions as types.TransportOptions);
    this.#wireConnect(this.#recv);
    this.#markRecvReady(this.#recv);
    // Before anything is produced, so watchers (the network monitor) see every producer.
    for (const l of this.#transportListeners) l({ send, recv: this.#recv });
    // mediasoup-client negotiates one producer at a time per transport: voice goes first.
    if (micTrack) await this.#produceMic(micTrack);
    // After a restart: the channels a feature had open, then video — people hear each other first.
    await this.#channels.attach(send);
    if (this.#cameraTrack) await this.#produceCamera(this.#cameraTrack);
    if (this.#screenTrack) await this.#produceScreen(this.#screenTrack);
  }

  /** Starts sending the microphone. Throws a readable error when there is no mic or no permission. */
  async enableMic(): Promise<void> {
    if (this.#mic || !this.#send) return;
    let stream: MediaStream;
    try {
      // The microphone chosen on /check, when it is still plugged in; the default otherwise.
      const chosen = readDevicePreferences().microphone;
      stream = await navigator.mediaDevices.getUserMedia({ audio: { echoCancellation: true, noiseSuppression: true, autoGainControl: true, ...(chosen ? { deviceId: { ideal: chosen } } : {}) } });
    } catch (error) {
      const name = (error as DOMException).name;
      throw new Error(name === "NotAllowedError" ? "Microphone permission was denied." : name === "NotFoundError" ? "No microphone was found." : `Microphone failed: ${name}`);
    }
    this.#micTrack = stream.getAudioTracks()[0]!;
    await this.#produceMic(this.#micTrack);
  }

  async #produceMic(track: MediaStreamTrack): Promise<void> {
    if (!this.#send) return;
    this.#mic = await this.#send.produce({ track, stopTracks: false, codecOptions: { opusFec: true, opusDtx: true, opusStereo: false }, appData: { source: "mic" } });
  }

  async disableMic(): Promise<void> {
    if (!this.#mic) return;
    const id = this.#mic.id;
    this.#mic.close();
    this.#mic = undefined;
    this.#micTrack?.stop();
    this.#micTrack = undefined;
    await request(this.#room, Msg.closeProducer, { producerId: id }, SIGNAL);
  }

  get micOn(): boolean {
    return Boolean(this.#mic);
  }

  /** Starts sending the webcam (VP8 simulcast, 3 layers). Throws a readable error when there is no camera or no permission. */
  async enableCamera(): Promise<void> {
    if (this.#cameraTrack) return;
    if (!this.#send) throw new Error("Video is not connected yet.");
    const track = await openCamera();
    this.#cameraTrack = track;
    track.addEventListener("ended", () => void this.disableCamera().catch(reportError)); // unplugged, or revoked
    this.#emitLocalVideo();
    try {
      await this.#produceCamera(track);
    } catch (error) {
      await this.disableCamera();
      throw error;
    }
  }

  async disableCamera(): Promise<void> {
    const producer = this.#camera;
    this.#camera = undefined;
    this.#cameraTrack?.stop();
    this.#cameraTrack = undefined;
    this.#emitLocalVideo();
    await this.#closeProducer(producer);
  }

  /** Shares a screen or window (the browser asks which). Stops by itself when the visitor ends it from the browser's own bar. */
  async startScreenShare(): Promise<void> {
    if (this.#screenTrack) return;
    if (!this.#send) throw new Error("Video is not connected yet.");
    const track = await openScreen();
    this.#screenTrack = track;
    track.addEventListener("ended", () => void this.stopScreenShare().catch(reportError));
    this.#emitLocalVideo();
    try {
      await this.#produceScreen(track);
    } catch (error) {
      await this.stopScreenShare();
      throw error;
    }
  }

  async stopScreenShare(): Promise<void> {
    const producer = this.#screen;
    this.#screen = undefined;
    this.#screenTrack?.stop();
    this.#screenTrack = undefined;
    this.#emitLocalVideo();
    await this.#closeProducer(producer);
  }

  /** Our own webcam, for the preview tile; undefined while it is off. */
  get cameraTrack(): MediaStreamTrack | undefined {
    return this.#cameraTrack;
  }

  /** Our own screen share, for our own view of the scene screen; undefined while not sharing. */
  get screenTrack(): MediaStreamTrack | undefined {
    return this.#screenTrack;
  }

  /** Told when our camera or screen share starts or stops. */
  onLocalVideo(listener: () => void): () => void {
    this.#localVideoListeners.add(listener);
    return () => this.#localVideoListeners.delete(listener);
  }

  /** Tells the SFU how big a received video is on screen: hidden ones stop flowing, small ones drop to 180p. */
  setVideoDisplay(consumerId: string, display: VideoDisplay): void {
    if (this.#consumers.has(consumerId)) sendMessage(this.#room, Msg.videoDisplay, { consumerId, display });
  }

  async #produceCamera(track: MediaStreamTrack): Promise<void> {
    if (!this.#send) return;
    this.#camera = await this.#send.produce({ track, stopTracks: false, encodings: CAMERA_ENCODINGS, codec: vp8Of(this.#device), codecOptions: { videoGoogleStartBitrate: 600 }, appData: { source: "camera" } });
  }

  async #produceScreen(track: MediaStreamTrack): Promise<void> {
    if (!this.#send) return;
    this.#screen = await this.#send.produce({ track, stopTracks: false, encodings: SCREEN_ENCODINGS, codec: vp8Of(this.#device), appData: { source: "screen" } });
  }

  async #closeProducer(producer: types.Producer | undefined): Promise<void> {
    if (!producer || producer.closed) return;
    producer.close();
    await request(this.#room, Msg.closeProducer, { producerId: producer.id }, SIGNAL);
  }

  #emitLocalVideo(): void {
    for (const l of this.#localVideoListeners) l();
  }

  /**
   * Opens (or returns) our outgoing data channel `label`, resolved once it is open. Nothing is
   * opened at join: a feature opens its channel when it needs one. Every other visitor in the
   * hall whom the SFU lets receive it gets its messages ({@link onData}).
   */
  async openDataChannel(label: DataLabel, options: DataChannelOptions = {}): Promise<DataChannel> {
    await this.#restarting?.catch(() => undefined); // a restart reopens every channel itself
    return this.#channels.open(label, options);
  }

  /**
   * The hall channels this page receives from now on (replacing the earlier set): a feature
   * that shows others' face frames or board strokes asks for its label, and stops when it ends.
   * The SFU makes data consumers only for these, and only from people the hall lets us receive.
   */
  async receiveData(labels: DataLabel[]): Promise<void> {
    this.#receiving = [...new Set(labels)];
    if (this.#joined) await request(this.#room, Msg.subscribeData, { labels: this.#receiving }, SIGNAL);
  }

  onData(listener: (d: ReceivedData) => void): () => void {
    this.#dataListeners.add(listener);
    return () => this.#dataListeners.delete(listener);
  }

  async stats(): Promise<MediaStats> {
    let inboundAudioBytes = 0;
    let outboundAudioBytes = 0;
    let inboundAudioTracks = 0;
    let inboundAudioJitterBufferSeconds = 0;
    let inboundAudioEmittedSamples = 0;
    type Stat = { type: string; kind?: string; bytesReceived?: number; bytesSent?: number; jitterBufferDelay?: number; jitterBufferEmittedCount?: number };
    for (const report of [await this.#recv?.getStats(), await this.#send?.getStats()]) {
      report?.forEach((s: Stat) => {
        if (s.type === "inbound-rtp" && s.kind === "audio") {
          inboundAudioBytes += s.bytesReceived ?? 0;
          inboundAudioTracks++;
          inboundAudioJitterBufferSeconds += s.jitterBufferDelay ?? 0;
          inboundAudioEmittedSamples += s.jitterBufferEmittedCount ?? 0;
        }
        if (s.type === "outbound-rtp" && s.kind === "audio") outboundAudioBytes += s.bytesSent ?? 0;
      });
    }
    return { inboundAudioBytes, outboundAudioBytes, inboundAudioTracks, inboundAudioJitterBufferSeconds, inboundAudioEmittedSamples };
  }

  close(): void {
    this.#teardown();
    this.#micTrack?.stop();
    this.#cameraTrack?.stop();
    this.#screenTrack?.stop();
  }

  #teardown(): void {
    for (const id of [...this.#consumers.keys()]) this.#closeConsumer(id);
    for (const dataConsumer of this.#dataConsumers.values()) dataConsumer.close();
    this.#dataConsumers.clear();
    this.#mic = undefined;
    this.#camera = undefined;
    this.#screen = undefined;
    this.#channels.detach(); // their producers close with the send transport
    this.#send?.close();
    this.#recv?.close();
    this.#send = undefined;
    this.#recv = undefined;
  }

  #wireConnect(transport: types.Transport): void {
    transport.on("connect", ({ dtlsParameters }, callback, errback) => {
      request(this.#room, Msg.connectTransport, { transportId: transport.id, dtlsParameters }, SIGNAL).then(() => callback(), errback);
    });
  }

  async #onNewConsumer(m: NewConsumer): Promise<void> {
    const recv = await this.#recvReady;
    const consumer = await recv.consume({ id: m.consumerId, producerId: m.producerId, kind: m.kind, rtpParameters: m.rtpParameters as types.RtpParameters, appData: { peerId: m.peerId, source: m.source } });
    if (m.kind === "audio") this.#audioSink.add(consumer.id, m.peerId, consumer.track);
    else this.#videoSink?.add(consumer.id, m.peerId, consumer.track, m.source);
    this.#consumers.set(consumer.id, consumer);
    await request(this.#room, Msg.resumeConsumer, { consumerId: consumer.id }, SIGNAL);
  }

  async #onNewDataConsumer(m: NewDataConsumer): Promise<void> {
    const recv = await this.#recvReady;
    const dataConsumer = await recv.consumeData({
      id: m.dataConsumerId,
      dataProducerId: m.dataProducerId,
      sctpStreamParameters: m.sctpStreamParameters as types.SctpStreamParameters,
      label: m.label,
      protocol: m.protocol,
    });
    dataConsumer.binaryType = "arraybuffer";
    dataConsumer.on("message", (data: unknown) => {
      const received: ReceivedData = { fromPeerId: m.peerId, label: m.label, data: typeof data === "string" ? data : (data as ArrayBuffer) };
      this.received.push(received);
      if (this.received.length > 100) this.received.shift();
      for (const l of this.#dataListeners) l(received);
    });
    this.#dataConsumers.set(dataConsumer.id, dataConsumer);
  }

  #closeConsumer(consumerId: string): void {
    const consumer = this.#consumers.get(consumerId);
    if (!consumer) return;
    if (consumer.kind === "audio") this.#audioSink.remove(consumerId);
    else this.#videoSink?.remove(consumerId);
    consumer.close();
    this.#consumers.delete(consumerId);
  }
}

/**
 * Signalling requests wait this long: a software-rendered page can stall for many seconds
 * compiling shaders as the hall appears, and a reply must not time out behind that.
 */
const SIGNAL = { timeout: 30_000 };

function reportError(error: unknown): void {
  console.error("media error:", error);
}
