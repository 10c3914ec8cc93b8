/**
 * `cli events import FILE --key-name NAME`: a province's history (NDJSON, one
 * event a line, `.gz` or `-` for stdin) with exactly the rules of §3 and the
 * scope of the named key's source (src/lib/server/ingest/bulk.ts). Ctrl-C
 * stops after the batch in flight; running it again resumes.
 */
import { activeKeyNamed } from '../lib/server/auth/keys.ts';
import { audit } from '../lib/server/auth/audit.ts';
import { importFile, spoolStdin } from '../lib/server/ingest/bulk.ts';
import { progressWriter } from './progress-bar.ts';
import { UsageError, type CommandGroup } from './usage.ts';

const group: CommandGroup = {
	usage: `  events import FILE --key-name NAME [--batch N] [--format events|dvcqg]
                                                     load events from NDJSON (.gz, or - for stdin) as that key's source, resumable;
                                                     --format dvcqg: one national portal sync call (DongBoHoSoMC, CapNhatTienDoHoSoMC) a line`,
	async run(app, args) {
		const [action, ...rest] = args;
		if (action !== 'import')
			throw new UsageError(action ? `unknown command "events ${action}"` : 'events needs import');
		const { parseArgs } = await import('node:util');
		const { values, positionals } = parseArgs({
			args: rest,
			allowPositionals: true,
			options: {
				'key-name': { type: 'string' },
				batch: { type: 'string' },
				format: { type: 'string' }
			}
		});
		const file = positionals[0];
		if (!file || positionals.length > 1)
			throw new UsageError('events import needs exactly one FILE (or - for stdin)');
		const name = values['key-name']?.trim();
		if (!name)
			throw new UsageError(
				'--key-name is required: the events are imported as that ingest key sends them (its source and scope)'
			);
		const batchSize = values.batch === undefined ? undefined : Number(values.batch);
		if (
			batchSize !== undefined &&
			!(Number.isInteger(batchSize) && batchSize >= 1 && batchSize <= 100_000)
		)
			throw new UsageError('--batch must be a whole number from 1 to 100000');
		const format = values.format ?? 'events';
		if (format !== 'events' && format !== 'dvcqg')
			throw new UsageError(
				'--format must be events (one §3 event a line) or dvcqg (one national portal sync call a line)'
			);
		const key = await activeKeyNamed(app.database, name);
		if (!key)
			throw new UsageError(
				`no active key named "${name}" (create one with keys create --role ingest)`
			);
		if (key.role !== 'ingest')
			throw new UsageError(
				`key "${name}" has role "${key.role}"; importing events needs an ingest key`
			);

		const spool = file === '-' ? await spoolStdin() : null;
		const progress = progressWriter();
		let interrupted = false;
		const onSignal = () => {
			if (interrupted) process.exit(130);
			interrupted = true;
			process.stderr.write('\nđang dừng sau lô hiện tại… (Ctrl-C lần nữa để thoát ngay)\n');
		};
		process.on('SIGINT', onSignal);
		process.on('SIGTERM', onSignal);
		try {
			const r = await importFile(app.database, spool?.path ?? file, {
				key: { source: key.source, scopeCode: key.scopeCode },
				format,
				batchSize,
				onProgress: (p) => progress.update(p),
				stopped: () => interrupted
			});
			progress.end();
			const label = file === '-' ? 'stdin' : file;
			if (!r.ok) {
				for (const e of r.errors)
					console.error(`${label}:${e.line}: ${e.path ? `${e.path}: ` : ''}${e.message}`);
				if (r.errorCount > r.errors.length)
					console.error(`… and ${r.errorCount - r.errors.length} more`);
				if (r.phase === 'validate') console.error(`nothing imported: ${r.errorCount} error(s)`);
				else
					console.error(
						`stopped: lines up to ${r.writtenUpTo} are imported; fix the file and run again to resume`
					);
				return 1;
			}
			await audit(app.database, {
				actor: 'cli',
				action: 'events.import',
				target: label,
				detail: {
					source: key.source,
					format,
					accepted: r.accepted,
					duplicates: r.duplicates,
					lines: r.lines,
					resumedAt: r.resumedAt,
					stoppedAt: r.stoppedAt
				}
			});
			if (r.stoppedAt !== null) {
				console.error(
					`interrupted after line ${r.stoppedAt}: run the same command again to resume`
				);
				return 130;
			}
			if (r.resumedAt > 0) console.error(`resumed after line ${r.resumedAt}`);
			console.log(`imported ${r.accepted} events (${r.duplicates} duplicates)`);
			return 0;
		} finally {
			process.off('SIGINT', onSignal);
			process.off('SIGTERM', onSignal);
			spool?.remove();
		}
	}
};
export default group;
