// Records the WebAuthn fixtures in tests/fixtures/webauthn.json, once, with a software
// authenticator: a P-256 (ES256) key made with WebCrypto, and clientDataJSON,
// authenticatorData and the "none" attestation object built byte for byte as the
// WebAuthn spec (Level 3, sections 5.8.1, 6.1, 6.5, 8.7) and CTAP2 (canonical CBOR)
// lay them out. The workerd tests verify these recordings with @simplewebauthn/server
// under a pinned clock and the recorded challenges, so what they check does not
// depend on a browser. The private key is thrown away: nobody can make new assertions
// for this credential, the recordings are all there is.
//
//   node scripts/record-webauthn-fixtures.mjs   (rewrites the file; the tests pin its contents)
import { writeFileSync } from 'node:fs';
import { webcrypto as crypto } from 'node:crypto';

const RP_ID = 'localhost';
const ORIGIN = 'http://localhost:8787';
const USER_ID = 'usr_demo_owner';

const enc = new TextEncoder();
const b64url = (bytes) => Buffer.from(bytes).toString('base64url');
const concat = (...parts) => {
	const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
	let at = 0;
	for (const p of parts) {
		out.set(p, at);
		at += p.length;
	}
	return out;
};
const sha256 = async (bytes) => new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
const random = (n) => crypto.getRandomValues(new Uint8Array(n));
const u32 = (n) => new Uint8Array([(n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255]);

// --- minimal canonical CBOR (RFC 8949): unsigned/negative ints, byte and text strings, maps ---
function head(major, n) {
	if (n < 24) return new Uint8Array([(major << 5) | n]);
	if (n < 256) return new Uint8Array([(major << 5) | 24, n]);
	if (n < 65536) return new Uint8Array([(major << 5) | 25, n >> 8, n & 255]);
	return concat(new Uint8Array([(major << 5) | 26]), u32(n));
}
function cbor(value) {
	if (typeof value === 'number') return value >= 0 ? head(0, value) : head(1, -1 - value);
	if (value instanceof Uint8Array) return concat(head(2, value.length), value);
	if (typeof value === 'string') {
		const bytes = enc.encode(value);
		return concat(head(3, bytes.length), bytes);
	}
	if (value instanceof Map) {
		// Canonical order: shorter encoded keys first, then bytewise.
		const entries = [...value.entries()].map(([k, v]) => [cbor(k), cbor(v)]);
		entries.sort(([a], [b]) => a.length - b.length || Buffer.compare(Buffer.from(a), Buffer.from(b)));
		return concat(head(5, entries.length), ...entries.flat());
	}
	throw new Error(`cannot encode ${value}`);
}

// WebCrypto signs ECDSA as r || s (64 bytes); WebAuthn carries ASN.1 DER.
function derSignature(raw) {
	const int = (bytes) => {
		let i = 0;
		while (i < bytes.length - 1 && bytes[i] === 0) i++;
		let v = bytes.slice(i);
		if (v[0] & 0x80) v = concat(new Uint8Array([0]), v);
		return concat(new Uint8Array([0x02, v.length]), v);
	};
	const body = concat(int(raw.slice(0, 32)), int(raw.slice(32)));
	return concat(new Uint8Array([0x30, body.length]), body);
}

const FLAG_UP = 0x01;
const FLAG_UV = 0x04;
const FLAG_AT = 0x40;

const keys = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify']);
const rawPublic = new Uint8Array(await crypto.subtle.exportKey('raw', keys.publicKey)); // 0x04 || x || y
const coseKey = cbor(
	new Map([
		[1, 2],
		[3, -7],
		[-1, 1],
		[-2, rawPublic.slice(1, 33)],
		[-3, rawPublic.slice(33, 65)]
	])
);
const credentialId = random(32);
const rpIdHash = await sha256(enc.encode(RP_ID));

const clientData = (type, challenge, origin = ORIGIN) =>
	enc.encode(JSON.stringify({ type, challenge, origin, crossOrigin: false }));

async function registration({ challenge, flags = FLAG_UP | FLAG_UV | FLAG_AT, rpHash = rpIdHash, origin = ORIGIN }) {
	const attested = concat(new Uint8Array(16), new Uint8Array([0, credentialId.length]), credentialId, coseKey);
	const authData = concat(rpHash, new Uint8Array([flags]), u32(0), attested);
	const attestationObject = cbor(
		new Map([
			['fmt', 'none'],
			['attStmt', new Map()],
			['authData', authData]
		])
	);
	return {
		id: b64url(credentialId),
		rawId: b64url(credentialId),
		type: 'public-key',
		response: {
			clientDataJSON: b64url(clientData('webauthn.create', challenge, origin)),
			attestationObject: b64url(attestationObject),
			transports: ['internal']
		},
		authenticatorAttachment: 'platform',
		clientExtensionResults: {}
	};
}

async function assertion({ challenge, counter, flags = FLAG_UP | FLAG_UV, origin = ORIGIN, signer = keys.privateKey }) {
	const authData = concat(rpIdHash, new Uint8Array([flags]), u32(counter));
	const clientDataJSON = clientData('webauthn.get', challenge, origin);
	const signed = concat(authData, await sha256(clientDataJSON));
	const signature = derSignature(
		new Uint8Array(await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, signer, signed))
	);
	return {
		id: b64url(credentialId),
		rawId: b64url(credentialId),
		type: 'public-key',
		response: {
			clientDataJSON: b64url(clientDataJSON),
			authenticatorData: b64url(authData),
			signature: b64url(signature),
			userHandle: b64url(enc.encode(USER_ID))
		},
		authenticatorAttachment: 'platform',
		clientExtensionResults: {}
	};
}

const challenge = () => b64url(random(32));
const stranger = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign']);

const cases = {};
const record = async (name, build, params) => {
	const c = challenge();
	cases[name] = { challenge: c, response: await build({ challenge: c, ...params }) };
};
await record('registration', registration, {});
await record('registrationOtherOrigin', registration, { origin: 'http://evil.localhost:8787' });
await record('registrationOtherRp', registration, { rpHash: await sha256(enc.encode('evil.example')) });
await record('assertion1', assertion, { counter: 1 });
await record('assertion2', assertion, { counter: 2 });
await record('assertionCounterBack', assertion, { counter: 1 });
await record('assertionOtherOrigin', assertion, { counter: 3, origin: 'http://evil.localhost:8787' });
await record('assertionBadSignature', assertion, { counter: 4, signer: stranger.privateKey });
await record('assertionNoUserVerification', assertion, { counter: 5, flags: FLAG_UP });

const fixture = {
	note: 'Recorded by scripts/record-webauthn-fixtures.mjs with a software ES256 authenticator; the private key was discarded.',
	rpId: RP_ID,
	origin: ORIGIN,
	userId: USER_ID,
	credentialId: b64url(credentialId),
	publicKey: b64url(coseKey),
	cases
};
writeFileSync(new URL('../tests/fixtures/webauthn.json', import.meta.url), JSON.stringify(fixture, null, '\t') + '\n');
console.log('wrote tests/fixtures/webauthn.json');
