/** The API's route table and the route files agree: the same routes, the same methods. */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { API_ROUTES } from '../../src/lib/server/api/routes.ts';

const ROUTES = join(import.meta.dirname, '../../src/routes');

function serverFiles(dir: string): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
		e.isDirectory()
			? serverFiles(join(dir, e.name))
			: e.name === '+server.ts'
				? [join(dir, e.name)]
				: []
	);
}

describe('API route table', () => {
	const files = serverFiles(join(ROUTES, 'api'));

	it('has one entry per +server.ts under src/routes/api, with its methods', () => {
		const fromFiles = Object.fromEntries(
			files.map((f) => [
				'/' + relative(ROUTES, f).split(sep).slice(0, -1).join('/'),
				[...readFileSync(f, 'utf8').matchAll(/^export const (\w+)/gm)].map((m) => m[1]).sort()
			])
		);
		const fromTable = Object.fromEntries(
			Object.entries(API_ROUTES).map(([route, methods]) => [route, Object.keys(methods).sort()])
		);
		expect(fromFiles).toEqual(fromTable);
	});

	it('each route file names its own route in the table', () => {
		for (const f of files) {
			const route = '/' + relative(ROUTES, f).split(sep).slice(0, -1).join('/');
			for (const m of readFileSync(f, 'utf8').matchAll(/endpoint\('([^']+)', '(\w+)'\)/g))
				expect(m[1], f).toBe(route);
		}
	});
});
