// Smoke test for a mediasoup worker binary (default: the one mediasoup uses,
// or MEDIASOUP_WORKER_BIN). Run with Node >= 24 from anywhere in the repo:
//
//   node_modules/.bin/node scripts/mediasoup-worker/verify.mjs
//
// 1. createWorker(), a router with opus, a WebRtcTransport on 127.0.0.1.
// 2. SRTP loopback for every crypto suite: RTP sent into a plain transport is
//    consumed on an SRTP PlainTransport A (libsrtp protect) that sends to SRTP
//    PlainTransport B (libsrtp unprotect), which feeds a producer; B's producer
//    must receive the packets. A pair with a wrong key must receive nothing.
// Prints "ok" and exits 0 on success.
import dgram from 'node:dgram';
import { setTimeout as sleep } from 'node:timers/promises';
import * as mediasoup from 'mediasoup';

const log = (...args) => console.log('[mediasoup-worker verify]', ...args);

const SUITES = [
	'AEAD_AES_256_GCM',
	'AEAD_AES_128_GCM',
	'AES_CM_128_HMAC_SHA1_80',
	'AES_CM_128_HMAC_SHA1_32',
];

function rtpPacket(seq, ts, ssrc, pt) {
	const payload = Buffer.alloc(40, seq & 0xff);
	const header = Buffer.alloc(12);
	header[0] = 0x80;
	header[1] = pt & 0x7f;
	header.writeUInt16BE(seq & 0xffff, 2);
	header.writeUInt32BE(ts >>> 0, 4);
	header.writeUInt32BE(ssrc >>> 0, 8);
	return Buffer.concat([header, payload]);
}

function corruptKey(base64Key) {
	const key = Buffer.from(base64Key, 'base64');
	key[0] ^= 0xff;
	return key.toString('base64');
}

async function main() {
	const worker = await mediasoup.createWorker({ logLevel: 'warn' });
	let failed = false;
	try {
		log(`worker pid ${worker.pid}, mediasoup ${mediasoup.version}`);
		const router = await worker.createRouter({
			mediaCodecs: [{ kind: 'audio', mimeType: 'audio/opus', clockRate: 48000, channels: 2 }],
		});
		const webRtcTransport = await router.createWebRtcTransport({
			listenInfos: [{ protocol: 'udp', ip: '127.0.0.1' }],
		});
		log(`WebRtcTransport ${webRtcTransport.id} udp ${webRtcTransport.iceCandidates[0].port}, dtls role ${webRtcTransport.dtlsParameters.role}`);

		// RTP source: plain transport fed from a local UDP socket (comedia).
		const source = await router.createPlainTransport({
			listenInfo: { protocol: 'udp', ip: '127.0.0.1' },
			rtcpMux: true,
			comedia: true,
		});
		const producer = await source.produce({
			kind: 'audio',
			rtpParameters: {
				codecs: [{ mimeType: 'audio/opus', payloadType: 100, clockRate: 48000, channels: 2 }],
				encodings: [{ ssrc: 11111111 }],
			},
		});

		const cases = [...SUITES.map((suite) => ({ suite, wrongKey: false })), { suite: 'AES_CM_128_HMAC_SHA1_80', wrongKey: true }];
		const pairs = [];
		for (const c of cases) {
			const opts = {
				listenInfo: { protocol: 'udp', ip: '127.0.0.1' },
				rtcpMux: true,
				comedia: false,
				enableSrtp: true,
				srtpCryptoSuite: c.suite,
			};
			const a = await router.createPlainTransport(opts);
			const b = await router.createPlainTransport(opts);
			await a.connect({ ip: '127.0.0.1', port: b.tuple.localPort, srtpParameters: b.srtpParameters });
			const aParams = c.wrongKey
				? { ...a.srtpParameters, keyBase64: corruptKey(a.srtpParameters.keyBase64) }
				: a.srtpParameters;
			await b.connect({ ip: '127.0.0.1', port: a.tuple.localPort, srtpParameters: aParams });
			const consumer = await a.consume({ producerId: producer.id, rtpCapabilities: router.rtpCapabilities });
			const sink = await b.produce({ kind: 'audio', rtpParameters: consumer.rtpParameters });
			pairs.push({ ...c, a, b, consumer, sink });
		}

		const socket = dgram.createSocket('udp4');
		await new Promise((resolve) => socket.bind(0, '127.0.0.1', resolve));
		for (let i = 0; i < 50; i++) {
			socket.send(rtpPacket(1000 + i, 960 * i, 11111111, 100), source.tuple.localPort, '127.0.0.1');
			await sleep(10);
		}
		await sleep(500);
		socket.close();

		const produced = (await producer.getStats()).reduce((n, s) => n + s.packetCount, 0);
		log(`source producer received ${produced} RTP packets`);
		if (produced === 0) {
			failed = true;
			log('FAIL: no RTP reached the source producer');
		}
		for (const p of pairs) {
			const sent = (await p.consumer.getStats()).filter((s) => s.type === 'outbound-rtp').reduce((n, s) => n + s.packetCount, 0);
			const received = (await p.sink.getStats()).reduce((n, s) => n + s.packetCount, 0);
			const label = `${p.suite}${p.wrongKey ? ' (wrong key)' : ''}`;
			const ok = p.wrongKey ? sent > 0 && received === 0 : sent > 0 && received === sent;
			log(`SRTP ${label}: sent ${sent}, decrypted ${received} -> ${ok ? 'ok' : 'FAIL'}`);
			if (!ok) failed = true;
		}
		router.close();
	} finally {
		worker.close();
	}
	if (failed) {
		console.log('FAILED');
		process.exit(1);
	}
	console.log('ok');
}

main().catch((error) => {
	console.error('[mediasoup-worker verify] FAILED:', error);
	process.exit(1);
});
