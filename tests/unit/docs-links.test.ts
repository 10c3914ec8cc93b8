/**
 * Docs that travel with the code: every `docs/<page>.md#<section>` the code cites (in comments, test
 * names, the OpenAPI document, the README) and every link between the docs names a page and a heading
 * that exist, and nothing cites the documents that are not in the repository.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = new URL('../../', import.meta.url).pathname;
const DOCS = join(ROOT, 'docs');

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens; plus explicit `<a id>`s. */
function anchorsOf(page: string): Set<string> {
	const text = readFileSync(join(DOCS, page), 'utf8').replace(/```[\s\S]*?```/g, '');
	const anchors = new Set<string>();
	for (const m of text.matchAll(/^#{1,6} (.+)$/gm))
		anchors.add(
			m[1]
				.trim()
				.toLowerCase()
				.replace(/[^\p{L}\p{N} _-]/gu, '')
				.replace(/ /g, '-')
		);
	for (const m of text.matchAll(/<a id="([^"]+)"><\/a>/g)) anchors.add(m[1]);
	return anchors;
}

function filesUnder(dir: string, out: string[] = []): string[] {
	for (const name of readdirSync(dir)) {
		if (name === 'node_modules' || name.startsWith('.')) continue;
		const full = join(dir, name);
		if (statSync(full).isDirectory()) filesUnder(full, out);
		else if (/\.(ts|svelte|js|md)$/.test(name)) out.push(full);
	}
	return out;
}

const SOURCES = [
	...['src', 'tests', 'scripts', 'bench', 'docs'].flatMap((d) => filesUnder(join(ROOT, d))),
	join(ROOT, 'server.ts'),
	join(ROOT, 'README.md')
].filter((f) => !f.endsWith('docs-links.test.ts'));

describe('docs that travel with the code', () => {
	it('every cited docs page and section exists', () => {
		const pages = new Map<string, Set<string>>();
		const anchors = (page: string) => {
			if (!pages.has(page))
				pages.set(page, existsSync(join(DOCS, page)) ? anchorsOf(page) : new Set());
			return pages.get(page)!;
		};
		const missing: string[] = [];
		let cited = 0;
		for (const file of SOURCES) {
			const text = readFileSync(file, 'utf8');
			const where = relative(ROOT, file);
			const inDocs = where.startsWith('docs/');
			// `docs/api.md#summary, #rankings` in code; `](api.md#summary)` and `](#summary)` in the docs.
			const refs: { page: string; anchor: string | null }[] = [];
			for (const m of text.matchAll(/docs\/([\w-]+\.md)((?:#[\w-]+)?)((?:,? #[\w-]+)*)/g)) {
				refs.push({ page: m[1], anchor: m[2] ? m[2].slice(1) : null });
				for (const more of m[3].matchAll(/#([\w-]+)/g)) refs.push({ page: m[1], anchor: more[1] });
			}
			if (inDocs)
				for (const m of text.matchAll(/\]\(((?:[\w-]+\.md)?)(#[\w-]+)?\)/g)) {
					if (!m[1] && !m[2]) continue;
					refs.push({ page: m[1] || where.slice(5), anchor: m[2] ? m[2].slice(1) : null });
				}
			for (const r of refs) {
				cited++;
				if (!existsSync(join(DOCS, r.page))) missing.push(`${where}: docs/${r.page}`);
				else if (r.anchor && !anchors(r.page).has(r.anchor))
					missing.push(`${where}: docs/${r.page}#${r.anchor}`);
			}
		}
		expect(cited).toBeGreaterThan(100);
		expect(missing).toEqual([]);
	});

	it('nothing cites the documents that are not in the repository', () => {
		const outside: string[] = [];
		for (const file of SOURCES) {
			const text = readFileSync(file, 'utf8');
			for (const m of text.matchAll(
				/CONTRACT(?:\.md| §)|DOMAIN\.md|DESIGN\.md|ARCHITECTURE\.md|\bseeds? 00\d|shared\//g
			))
				outside.push(`${relative(ROOT, file)}: ${m[0]}`);
		}
		expect(outside).toEqual([]);
	});
});
