/**
 * Units as the national portal names them (docs/api.md#national-portal-sync): a record's
 * `MaDonVi` is one of our unit codes or a unit's `dvcqg_code`.
 */
import { sql } from 'drizzle-orm';
import type { Database, Db } from '../db/index.ts';
import { anyOf, jsonRows } from '../db/json-rows.ts';

/** Each given portal code that names a unit → that unit's code (our own code first, then dvcqg_code). */
export async function unitsByPortalCode(
	database: Database,
	codes: readonly string[],
	tx?: Db
): Promise<Map<string, string>> {
	if (codes.length === 0) return new Map();
	const rows = await jsonRows<{ key: string; code: string; own: boolean }>(
		database,
		sql`select jsonb_build_object('key', code, 'code', code, 'own', true) as j from units where code = ${anyOf(codes)}
			union all
			select jsonb_build_object('key', dvcqg_code, 'code', code, 'own', false) from units where dvcqg_code = ${anyOf(codes)}`,
		tx
	);
	const out = new Map<string, string>();
	for (const r of rows) if (r.own || !out.has(r.key)) out.set(r.key, r.code);
	return out;
}

/** The portal codes of the given units (those that have one). */
export async function portalCodesOf(
	database: Database,
	codes: readonly string[]
): Promise<Map<string, string>> {
	if (codes.length === 0) return new Map();
	const rows = await jsonRows<{ code: string; dvcqg: string }>(
		database,
		sql`select jsonb_build_object('code', code, 'dvcqg', dvcqg_code) as j from units where code = ${anyOf(codes)} and dvcqg_code is not null`
	);
	return new Map(rows.map((r) => [r.code, r.dvcqg]));
}

export type SetPortalCode =
	{ ok: true } | { ok: false; reason: 'unknown' | 'taken'; holder?: string };

/** Sets (or, with null, clears) a unit's dvcqg_code; refused when another unit has it. */
export async function setPortalCode(
	database: Database,
	code: string,
	dvcqg: string | null
): Promise<SetPortalCode> {
	return database.db.transaction(async (tx) => {
		if (dvcqg !== null) {
			const holder = await jsonRows<{ code: string }>(
				database,
				sql`select jsonb_build_object('code', code) as j from units where dvcqg_code = ${dvcqg} and code <> ${code}`,
				tx
			);
			if (holder[0])
				return { ok: false as const, reason: 'taken' as const, holder: holder[0].code };
		}
		const updated = await jsonRows<{ code: string }>(
			database,
			sql`update units set dvcqg_code = ${dvcqg}, updated_at = now() where code = ${code} returning jsonb_build_object('code', code) as j`,
			tx
		);
		return updated[0] ? { ok: true as const } : { ok: false as const, reason: 'unknown' as const };
	});
}
