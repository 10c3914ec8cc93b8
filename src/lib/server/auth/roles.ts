/** Roles of users and API keys; every principal holds one role and one scope unit. */
export const USER_ROLES = ['admin', 'supervisor', 'unit'] as const;
export const KEY_ROLES = ['ingest', 'read', 'display'] as const;
export type UserRole = (typeof USER_ROLES)[number];
export type KeyRole = (typeof KEY_ROLES)[number];

export type Principal =
	| { kind: 'key'; id: string; name: string; source: string; role: KeyRole; scopeCode: string }
	| {
			kind: 'user';
			id: string;
			username: string;
			role: UserRole;
			scopeCode: string;
			sessionId: string;
	  };

/** Roles that may read figures, lists and reports: every user, and keys of role read or display (an ingest key only writes events). */
export function canRead(p: Principal): boolean {
	return p.kind === 'user' || p.role === 'read' || p.role === 'display';
}
