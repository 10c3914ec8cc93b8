// See https://svelte.dev/docs/kit/types#app.d.ts
import type { Principal } from '$lib/server/auth/roles.ts';

declare global {
	namespace App {
		interface Locals {
			user: Extract<Principal, { kind: 'user' }> | null;
			/** One id per request: in the log line, the `x-request-id` header and an error page. */
			requestId: string;
			/** The status handleError chose for an unexpected error (503 database away, 400 bad value), else null. */
			errorStatus: number | null;
		}
		interface Error {
			message: string;
			/** `db_unavailable`, `bad_input`, `internal`, `http_404` … */
			code?: string;
			/** The request id, to quote to an administrator. */
			id?: string;
		}
	}
}

export {};
