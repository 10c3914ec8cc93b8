/** `cli mergers import FILE` / `cli mergers list`: unit mergers (old_code,new_code,effective_date). */
import { readFileSync } from 'node:fs';
import { formatImportError } from '../lib/domain/units/index.ts';
import { audit } from '../lib/server/auth/audit.ts';
import { loadMergers } from '../lib/server/queries/mergers.ts';
import { importMergers } from '../lib/server/units/mergers.ts';
import { UsageError, type CommandGroup } from './usage.ts';

const group: CommandGroup = {
	usage: `  mergers import FILE                                 unit mergers from CSV old_code,new_code,effective_date
  mergers list                                        one merger a line: old_code<TAB>new_code<TAB>effective_date`,
	async run(app, args) {
		const [action, file, ...rest] = args;
		if (action === 'list' && file === undefined) {
			for (const m of await loadMergers(app.database))
				console.log(`${m.oldCode}\t${m.newCode}\t${m.effectiveDate}`);
			return 0;
		}
		if (action !== 'import')
			throw new UsageError(
				action ? `unknown command "mergers ${action}"` : 'mergers needs import or list'
			);
		if (!file || rest.length > 0) throw new UsageError('mergers import needs exactly one FILE');
		const result = await importMergers(app.database, readFileSync(file, 'utf8'));
		if (!result.ok) {
			for (const e of result.errors) console.error(`${file}: ${formatImportError(e)}`);
			console.error(`nothing imported: ${result.errors.length} error(s)`);
			return 1;
		}
		await audit(app.database, {
			actor: 'cli',
			action: 'mergers.import',
			target: file,
			detail: { imported: result.imported, moved: result.moved }
		});
		if (result.moved > 0)
			console.error(`${result.moved} unit(s) moved under their successors: rollups rebuilt`);
		console.log(`imported ${result.imported} mergers`);
		return 0;
	}
};
export default group;
