// See https://svelte.dev/docs/kit/types#app.d.ts
import type { Principal } from '$lib/server/auth/roles.ts';

declare global {
	namespace App {
		interface Locals {
			user: Extract<Principal, { kind: 'user' }> | null;
		}
	}
}

export {};
