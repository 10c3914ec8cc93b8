/**
 * Tokens as the Lucia guide teaches: `<id>.<secret>`, both from a secure random
 * source; the database keeps only the id and SHA-256 of the secret, compared in
 * constant time. Used for API keys and for sessions.
 */
import { sha256 } from '@oslojs/crypto/sha2';
import { constantTimeEqual } from '@oslojs/crypto/subtle';
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase, decodeHex } from '@oslojs/encoding';

export function randomString(bytes: number): string {
	const b = new Uint8Array(bytes);
	crypto.getRandomValues(b);
	return encodeBase32LowerCaseNoPadding(b);
}

export function hashSecret(secret: string): string {
	return encodeHexLowerCase(sha256(new TextEncoder().encode(secret)));
}

export function secretMatches(secret: string, storedHash: string): boolean {
	try {
		return constantTimeEqual(sha256(new TextEncoder().encode(secret)), decodeHex(storedHash));
	} catch {
		return false;
	}
}

/** A fresh token: give `token` to the holder once, store `id` and `hash`. */
export function newToken(prefix = ''): { id: string; token: string; hash: string } {
	const id = prefix + randomString(10);
	const secret = randomString(20);
	return { id, token: `${id}.${secret}`, hash: hashSecret(secret) };
}

/** Tokens are `<id>.<secret>` in lower-case base32 (plus the id's prefix letter): anything else is no token. */
const TOKEN = /^([a-z0-9]{1,64})\.([a-z0-9]{1,128})$/;

export function splitToken(token: string): { id: string; secret: string } | null {
	const m = TOKEN.exec(token);
	return m ? { id: m[1], secret: m[2] } : null;
}
