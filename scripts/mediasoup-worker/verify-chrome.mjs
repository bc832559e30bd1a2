// End-to-end check of DTLS + SRTP against Debian's Chromium (needs
// /usr/bin/chromium or CHROMIUM_PATH, and playwright-core in node_modules):
//
//   node_modules/.bin/node scripts/mediasoup-worker/verify-chrome.mjs
//
// Chromium offers one sending audio m-line (oscillator) and one receiving audio
// m-line; a hand-written ice-lite answer points both at a mediasoup
// WebRtcTransport on 127.0.0.1. Checks: the DTLS handshake completes (an
// unpatched worker segfaults here with Debian's kTLS-enabled OpenSSL 3), a
// producer decrypts Chromium's SRTP, Chromium decrypts the consumer's SRTP
// (its audio looped back), and RTCP (SRTCP) gets through both ways. Prints
// "ok" and exits 0 on success.
import { setTimeout as sleep } from 'node:timers/promises';
import * as mediasoup from 'mediasoup';
import { chromium } from 'playwright-core';

const log = (...args) => console.log('[mediasoup-worker verify-chrome]', ...args);

function parseOffer(sdp) {
	const lines = sdp.split(/\r?\n/);
	const fingerprint = lines.find((l) => l.startsWith('a=fingerprint:'))?.slice('a=fingerprint:'.length).split(' ');
	const sections = [];
	for (const line of lines) {
		if (line.startsWith('m=')) sections.push({ lines: [] });
		if (sections.length) sections.at(-1).lines.push(line);
	}
	const media = sections.map(({ lines: ls }) => {
		const get = (prefix) => ls.find((l) => l.startsWith(prefix))?.slice(prefix.length);
		const opus = ls.find((l) => /^a=rtpmap:\d+ opus\/48000\/2/i.test(l));
		const midExt = ls.find((l) => l.includes('urn:ietf:params:rtp-hdrext:sdes:mid'));
		const ssrcLine = ls.find((l) => l.startsWith('a=ssrc:'));
		return {
			mid: get('a=mid:'),
			direction: ['sendrecv', 'sendonly', 'recvonly', 'inactive'].find((d) => ls.includes(`a=${d}`)),
			opusPt: opus ? Number(opus.slice('a=rtpmap:'.length).split(' ')[0]) : undefined,
			midExtId: midExt ? Number(midExt.slice('a=extmap:'.length).split(/[ /]/)[0]) : undefined,
			ssrc: ssrcLine ? Number(ssrcLine.slice('a=ssrc:'.length).split(' ')[0]) : undefined,
			cname: ls.find((l) => /^a=ssrc:\d+ cname:/.test(l))?.split('cname:')[1],
		};
	});
	return { fingerprint: { algorithm: fingerprint[0].toLowerCase(), value: fingerprint[1] }, media };
}

function buildAnswer(transport, send, recv, consumer) {
	const { usernameFragment, password } = transport.iceParameters;
	const fp = transport.dtlsParameters.fingerprints.find((f) => f.algorithm === 'sha-256');
	const cand = transport.iceCandidates[0];
	const common = (m) => [
		`a=mid:${m.mid}`,
		'a=rtcp-mux',
		`a=ice-ufrag:${usernameFragment}`,
		`a=ice-pwd:${password}`,
		`a=fingerprint:sha-256 ${fp.value}`,
		'a=setup:passive',
		`a=candidate:${cand.foundation} 1 udp ${cand.priority} ${cand.address} ${cand.port} typ host`,
		'a=end-of-candidates',
	];
	const consumerPt = consumer.rtpParameters.codecs[0].payloadType;
	return [
		'v=0',
		'o=mediasoup 1 1 IN IP4 127.0.0.1',
		's=-',
		't=0 0',
		'a=ice-lite',
		`a=group:BUNDLE ${send.mid} ${recv.mid}`,
		'a=msid-semantic: WMS *',
		`m=audio ${cand.port} UDP/TLS/RTP/SAVPF ${send.opusPt}`,
		`c=IN IP4 ${cand.address}`,
		...common(send),
		'a=recvonly',
		`a=rtpmap:${send.opusPt} opus/48000/2`,
		`a=fmtp:${send.opusPt} minptime=10;useinbandfec=1`,
		`a=extmap:${send.midExtId} urn:ietf:params:rtp-hdrext:sdes:mid`,
		`m=audio ${cand.port} UDP/TLS/RTP/SAVPF ${consumerPt}`,
		`c=IN IP4 ${cand.address}`,
		...common(recv),
		'a=sendonly',
		'a=msid:mediasoup loopback',
		`a=rtpmap:${consumerPt} opus/48000/2`,
		`a=fmtp:${consumerPt} minptime=10;useinbandfec=1`,
		`a=extmap:${send.midExtId} urn:ietf:params:rtp-hdrext:sdes:mid`,
		`a=ssrc:${consumer.rtpParameters.encodings[0].ssrc} cname:mediasoup`,
		'',
	].join('\r\n');
}

async function main() {
	const worker = await mediasoup.createWorker({ logLevel: 'warn' });
	let workerDied = null;
	const died = new Promise((resolve) => {
		worker.on('died', (error) => {
			workerDied = error;
			resolve('worker died');
		});
	});
	const browser = await chromium.launch({
		executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
		headless: true,
		args: ['--no-sandbox', '--disable-gpu', '--autoplay-policy=no-user-gesture-required'],
	});
	let failed = false;
	try {
		log(`chromium ${browser.version()}, worker pid ${worker.pid}`);
		const page = await browser.newPage();
		const offerSdp = await page.evaluate(async () => {
			const ctx = new AudioContext();
			await ctx.resume();
			const osc = ctx.createOscillator();
			const dest = ctx.createMediaStreamDestination();
			osc.connect(dest);
			osc.start();
			const pc = new RTCPeerConnection({ bundlePolicy: 'max-bundle' });
			window.pc = pc;
			pc.addTransceiver(dest.stream.getAudioTracks()[0], { direction: 'sendonly', streams: [dest.stream] });
			pc.addTransceiver('audio', { direction: 'recvonly' });
			const offer = await pc.createOffer();
			await pc.setLocalDescription(offer);
			return pc.localDescription.sdp;
		});
		const offer = parseOffer(offerSdp);
		const send = offer.media.find((m) => m.direction === 'sendonly');
		const recv = offer.media.find((m) => m.direction === 'recvonly');
		if (!send || !recv || !send.opusPt || !send.ssrc || !send.midExtId) {
			throw new Error(`unexpected offer:\n${offerSdp}`);
		}

		// The router uses Chromium's opus payload type so the consumer's RTP matches
		// a payload type Chromium offered.
		const router = await worker.createRouter({
			mediaCodecs: [{ kind: 'audio', mimeType: 'audio/opus', preferredPayloadType: send.opusPt, clockRate: 48000, channels: 2 }],
		});
		const transport = await router.createWebRtcTransport({
			listenInfos: [{ protocol: 'udp', ip: '127.0.0.1' }],
		});
		const dtlsState = new Promise((resolve) => {
			transport.on('dtlsstatechange', (state) => {
				if (state === 'connected' || state === 'failed' || state === 'closed') resolve(state);
			});
		});

		await transport.connect({ dtlsParameters: { role: 'client', fingerprints: [offer.fingerprint] } });
		const producer = await transport.produce({
			kind: 'audio',
			rtpParameters: {
				mid: send.mid,
				codecs: [{ mimeType: 'audio/opus', payloadType: send.opusPt, clockRate: 48000, channels: 2, parameters: { minptime: 10, useinbandfec: 1 } }],
				headerExtensions: [{ uri: 'urn:ietf:params:rtp-hdrext:sdes:mid', id: send.midExtId }],
				encodings: [{ ssrc: send.ssrc }],
				rtcp: { cname: send.cname ?? 'chromium' },
			},
		});
		const consumer = await transport.consume({
			producerId: producer.id,
			mid: recv.mid,
			rtpCapabilities: {
				codecs: [{ kind: 'audio', mimeType: 'audio/opus', preferredPayloadType: send.opusPt, clockRate: 48000, channels: 2, parameters: { minptime: 10, useinbandfec: 1 }, rtcpFeedback: [] }],
				headerExtensions: [{ kind: 'audio', uri: 'urn:ietf:params:rtp-hdrext:sdes:mid', preferredId: send.midExtId, direction: 'sendrecv' }],
			},
		});

		await page.evaluate((sdp) => window.pc.setRemoteDescription({ type: 'answer', sdp }), buildAnswer(transport, send, recv, consumer));

		const state = await Promise.race([dtlsState, died, sleep(15000, 'timeout', { ref: false })]);
		log(`DTLS state: ${state}`);
		if (state !== 'connected' || workerDied) {
			failed = true;
			log(`FAIL: DTLS did not connect${workerDied ? ` (worker died: ${workerDied})` : ''}`);
		} else {
			// Poll until media and RTCP went both ways (SRTP and SRTCP, protect and
			// unprotect), at most 15 s (Chromium sends audio RTCP every few seconds).
			let result;
			for (let i = 0; i < 30; i++) {
				await sleep(500);
				const producerStats = await producer.getStats();
				const consumerStats = await consumer.getStats();
				const browserStats = await page.evaluate(async () => {
					const out = { packetsReceived: 0, remoteInbound: 0, remoteOutbound: 0 };
					(await window.pc.getStats()).forEach((s) => {
						if (s.type === 'inbound-rtp' && s.kind === 'audio') out.packetsReceived += s.packetsReceived ?? 0;
						// Built from mediasoup's RTCP RR / SR (SRTCP protect in the worker).
						if (s.type === 'remote-inbound-rtp') out.remoteInbound++;
						if (s.type === 'remote-outbound-rtp') out.remoteOutbound++;
						if (s.type === 'transport') {
							out.srtpCipher = s.srtpCipher;
							out.dtlsCipher = s.dtlsCipher;
						}
					});
					return out;
				});
				result = {
					...browserStats,
					received: producerStats.reduce((n, s) => n + s.packetCount, 0),
					// Needs RTCP from Chromium (SRTCP unprotect in the worker).
					workerRtt: Math.max(0, ...[...producerStats, ...consumerStats].map((s) => s.roundTripTime ?? 0)),
				};
				if (
					workerDied ||
					(result.received > 0 && result.packetsReceived > 0 && result.workerRtt > 0 && result.remoteInbound > 0 && result.remoteOutbound > 0)
				) {
					break;
				}
			}
			log(`DTLS cipher ${result.dtlsCipher}, SRTP cipher ${result.srtpCipher}`);
			log(`SRTP: producer decrypted ${result.received} packets from chromium, chromium decrypted ${result.packetsReceived} from the consumer`);
			log(`SRTCP: worker RTT from chromium's RTCP ${result.workerRtt} ms, chromium remote-inbound/remote-outbound stats from worker RTCP: ${result.remoteInbound}/${result.remoteOutbound}`);
			if (workerDied) {
				failed = true;
				log(`FAIL: worker died: ${workerDied}`);
			} else if (result.received === 0 || result.packetsReceived === 0) {
				failed = true;
				log('FAIL: SRTP media did not flow in both directions');
			} else if (!(result.workerRtt > 0 && result.remoteInbound > 0 && result.remoteOutbound > 0)) {
				failed = true;
				log('FAIL: SRTCP did not flow in both directions');
			}
		}
	} finally {
		await browser.close();
		if (!worker.closed) worker.close();
	}
	if (failed) {
		console.log('FAILED');
		process.exit(1);
	}
	console.log('ok');
}

main().catch((error) => {
	console.error('[mediasoup-worker verify-chrome] FAILED:', error);
	process.exit(1);
});
