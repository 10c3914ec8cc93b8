/**
 * Pass 1 of the bulk import (bulk.ts): the whole file checked with exactly the rules of §3 — or, for a file of
 * national portal calls, of §12 (bulk-portal.ts) — before anything is written, every error named by its line.
 */
import { parseEvent, type EventError } from '../../domain/events/schema.ts';
import type { Database } from '../db/index.ts';
import { ancestorsOf } from '../queries/units.ts';
import type { BulkOptions, LineError } from './bulk.ts';
import { scanFile } from './bulk-file.ts';
import { PortalFileCheck } from './bulk-portal.ts';
import { foreignOwners } from './ownership.ts';

/** Dossier codes gathered before one ownership lookup. */
const OWNER_CHUNK = 20_000;

const toLineErrors = (errors: EventError[]): LineError[] =>
	errors.map((e) => ({ line: e.index, path: e.path, message: e.message }));

/** For a file of portal calls: each call read strictly, units and dossiers checked (bulk-portal.ts). */
export async function validatePortal(
	database: Database,
	path: string,
	o: BulkOptions,
	totalBytes: number
) {
	const maxErrors = o.maxErrors ?? 50;
	const check = new PortalFileCheck(database, o.key);
	const scan = await scanFile(path, o, totalBytes, 5_000, async (n, { raw, error }) => {
		if (error) check.errors.push(error);
		else await check.line(n, raw);
	});
	const units = await check.finish();
	return {
		lines: scan.lines,
		events: check.records,
		errors: check.errors.slice(0, maxErrors),
		errorCount: check.errors.length,
		sha256: scan.sha256,
		units
	};
}

/** For a file of §3 events: every line's schema, its unit known and in scope, its dossier not owned outside it. */
export async function validate(
	database: Database,
	path: string,
	o: BulkOptions,
	totalBytes: number
) {
	const maxErrors = o.maxErrors ?? 50;
	const errors: LineError[] = [];
	let errorCount = 0;
	const report = (list: LineError[]) => {
		errorCount += list.length;
		for (const e of list) if (errors.length < maxErrors) errors.push(e);
	};
	const unitLine = new Map<string, number>();
	let dossiers = new Map<string, number>();
	let feedbacks = new Map<string, number>();
	const checkOwners = async () => {
		if (dossiers.size === 0 && feedbacks.size === 0) return;
		const foreign = await foreignOwners(
			database,
			undefined,
			[...dossiers.keys()],
			[...feedbacks.keys()],
			o.key.scopeCode
		);
		report(
			foreign.map((f) => ({
				line: (f.kind === 'dossier' ? dossiers : feedbacks).get(f.code)!,
				path: f.kind,
				message: `${f.kind === 'dossier' ? 'dossier' : 'feedback item'} "${f.code}" belongs to unit "${f.unit}", outside this key's scope (${o.key.scopeCode})`
			}))
		);
		dossiers = new Map();
		feedbacks = new Map();
	};
	const scan = await scanFile(path, o, totalBytes, 50_000, async (n, { raw, error }) => {
		if (error) return report([error]);
		const r = parseEvent(raw, n);
		if (!r.event) return report(toLineErrors(r.errors));
		const e = r.event;
		if (!unitLine.has(e.unit)) unitLine.set(e.unit, n);
		const feedback =
			e.type === 'feedback.received' || e.type === 'feedback.resolved' ? e.feedback : null;
		if (feedback) {
			if (!feedbacks.has(feedback)) feedbacks.set(feedback, n);
		} else if (e.dossier && !dossiers.has(e.dossier)) dossiers.set(e.dossier, n);
		if (dossiers.size + feedbacks.size >= OWNER_CHUNK) await checkOwners();
	});
	await checkOwners();
	const ancestors = await ancestorsOf(database, [...unitLine.keys()]);
	for (const [unit, line] of unitLine) {
		const a = ancestors.get(unit);
		if (!a) report([{ line, path: 'unit', message: `unknown unit "${unit}"` }]);
		else if (!a.includes(o.key.scopeCode))
			report([
				{
					line,
					path: 'unit',
					message: `unit "${unit}" is outside this key's scope (${o.key.scopeCode})`
				}
			]);
	}
	errors.sort((a, b) => a.line - b.line);
	return { lines: scan.lines, events: scan.nonBlank, errors, errorCount, sha256: scan.sha256 };
}
