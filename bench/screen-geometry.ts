/**
 * Map geometry for the screen (a benchmark, not a test): prints figures.
 *
 *   node bench/screen-geometry.ts
 *
 * 100 communes with 10,000-vertex boundaries (about what official boundary
 * files carry), simplified for the overview map and the wall display
 * (src/lib/domain/units/screen-geometry.ts): positions and JSON bytes before
 * and after, and the time it takes (once per unit and registry change; the
 * server keeps the result).
 */
import { countPositions, screenGeometry } from '../src/lib/domain/units/screen-geometry.ts';
function ring(cx: number, cy: number, r: number, n: number) {
	const out: number[][] = [];
	for (let i = 0; i < n; i++) {
		const a = (2 * Math.PI * i) / n;
		const rr = r * (1 + 0.05 * Math.sin(9 * a) + 0.002 * Math.sin(301 * a));
		out.push([cx + rr * Math.cos(a), cy + rr * Math.sin(a)]);
	}
	out.push(out[0]);
	return out;
}
const fs: { type: string; geometry: unknown; properties: { code: string } }[] = [];
for (let i = 0; i < 100; i++)
	fs.push({
		type: 'Feature',
		geometry: {
			type: 'Polygon',
			coordinates: [ring(105 + (i % 10) * 0.1, 21 + Math.floor(i / 10) * 0.1, 0.05, 10_000)]
		},
		properties: { code: String(i) }
	});
const t0 = performance.now();
const out = screenGeometry(fs);
const t1 = performance.now();
console.log(
	'positions',
	countPositions(fs),
	'->',
	countPositions(out),
	'json bytes',
	JSON.stringify(fs).length,
	'->',
	JSON.stringify(out).length,
	'ms',
	(t1 - t0).toFixed(0)
);
