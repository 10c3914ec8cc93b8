/**
 * The unit registry upload: read the file from the form, and the dry run
 * (parse + tree check against the stored units) that writes nothing.
 */
import type { FormStrings } from '$lib/client/strings/forms.ts';
import { prepareUnitsImport, type ImportError } from '$lib/domain/units/index.ts';
import type { Database } from '$lib/server/db/index.ts';
import { unitTree } from '$lib/server/queries/units.ts';

export const MAX_ERRORS_SHOWN = 200;

export type UnitsPreview = {
	fileName: string;
	format: 'csv' | 'geojson';
	rows: number;
	added: number;
	updated: number;
	withGeometry: number;
	errorCount: number;
	errors: ImportError[];
	sample: { code: string; name: string; type: string; parentCode: string | null }[];
};

/** The uploaded file as text, or the reason why not (in the form's language). */
export async function uploadedText(
	form: FormData,
	m: FormStrings
): Promise<{ ok: true; name: string; text: string } | { ok: false; error: string }> {
	const file = form.get('file');
	if (!(file instanceof File) || file.size === 0) return { ok: false, error: m.unitsFileMissing };
	if (!/\.(csv|geojson|json)$/i.test(file.name)) return { ok: false, error: m.unitsFileType };
	const text = await file.text();
	if (text.includes('\uFFFD')) return { ok: false, error: m.notUtf8 };
	return { ok: true, name: file.name.slice(0, 200), text };
}

export async function previewUnits(
	database: Database,
	fileName: string,
	text: string
): Promise<UnitsPreview> {
	const existing = await unitTree(database);
	const stored = new Map(existing.map((u) => [u.code, { parentCode: u.parent }]));
	const p = prepareUnitsImport(fileName, text, stored);
	const updated = p.rows.filter((r) => stored.has(r.code)).length;
	return {
		fileName,
		format: p.format,
		rows: p.rows.length,
		added: p.rows.length - updated,
		updated,
		withGeometry: p.rows.filter((r) => r.geometry !== null).length,
		errorCount: p.errors.length,
		errors: p.errors.slice(0, MAX_ERRORS_SHOWN),
		sample: p.rows
			.slice(0, 8)
			.map((r) => ({ code: r.code, name: r.name, type: r.type, parentCode: r.parentCode }))
	};
}
