/** Password hashing with argon2id (@node-rs/argon2), OWASP-recommended parameters. */
import { hash, verify } from '@node-rs/argon2';

const OPTIONS = { memoryCost: 19456, timeCost: 2, outputLen: 32, parallelism: 1 };

export function hashPassword(password: string): Promise<string> {
	return hash(password, OPTIONS);
}

export async function verifyPassword(stored: string, password: string): Promise<boolean> {
	try {
		return await verify(stored, password);
	} catch {
		return false;
	}
}

export function checkPasswordStrength(password: string): string | null {
	if (password.length < 10) return 'password must be at least 10 characters';
	if (password.length > 256) return 'password must be at most 256 characters';
	return null;
}
