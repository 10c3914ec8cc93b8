/**
 * The wall map as ready-to-draw SVG (pure: GeoJSON in, paths out): units
 * projected once on the server (equirectangular, scaled by the cosine of the
 * mean latitude), simplified to what a wall can show, with a label placed
 * where the unit's name fits inside its shape. The browser then needs no map
 * library at all.
 */

type Position = number[];
type Geometry = { type: string; coordinates?: unknown } | null;
export type GeoFeature = {
	geometry: unknown;
	properties: { code: string; name: string; lat?: number | null; lon?: number | null };
};

/** A label's centre, font size (SVG units) and one or two lines. */
export type WallLabel = { x: number; y: number; size: number; lines: string[] };
export type WallUnit = {
	code: string;
	name: string;
	short: string;
	d: string | null;
	cx: number;
	cy: number;
	label: WallLabel | null;
};
export type WallMap = { width: number; height: number; units: WallUnit[] };

/** The drawing's width in SVG units; the height follows the shape. */
export const MAP_WIDTH = 1000;
/** The map panel's size at 1920×1080 in CSS px (measured), used to size labels in px. */
const PANEL_PX = { width: 1180, height: 690 };
/** Label layouts tried in order, font size in CSS px at 1080p (they scale with the screen). */
const LAYOUTS = [
	{ px: 24, lines: 1 },
	{ px: 22, lines: 2 },
	{ px: 19, lines: 1 },
	{ px: 18, lines: 2 }
];
const LINE = 1.1;
/** Average advance of a Be Vietnam Pro 600 glyph, in em. */
const GLYPH_EM = 0.6;
const PAD = 12;

const PREFIX = /^(Phường|Xã|Thị trấn|Thị xã|Thành phố|Quận|Huyện|Đặc khu|Tỉnh|TP\.?)\s+/u;

/** "Phường Ba Đình" → "Ba Đình": the kind of unit is noise on a map. */
export function shortName(name: string): string {
	const s = name.replace(PREFIX, '').trim();
	return s.length > 0 ? s : name;
}

function polygonsOf(g: Geometry): Position[][][] {
	if (!g || !Array.isArray(g.coordinates)) return [];
	if (g.type === 'Polygon') return [g.coordinates as Position[][]];
	if (g.type === 'MultiPolygon') return g.coordinates as Position[][][];
	return [];
}

function pointOf(f: GeoFeature): Position | null {
	const g = f.geometry as Geometry;
	if (g && g.type === 'Point' && Array.isArray(g.coordinates)) return g.coordinates as Position;
	const { lat, lon } = f.properties;
	return typeof lat === 'number' && typeof lon === 'number' ? [lon, lat] : null;
}

type Ring = [number, number][];

/** Signed area and centroid of a ring (shoelace). */
function ringCentroid(r: Ring): { area: number; x: number; y: number } {
	let a = 0;
	let x = 0;
	let y = 0;
	for (let i = 0, j = r.length - 1; i < r.length; j = i++) {
		const f = r[j][0] * r[i][1] - r[i][0] * r[j][1];
		a += f;
		x += (r[j][0] + r[i][0]) * f;
		y += (r[j][1] + r[i][1]) * f;
	}
	if (Math.abs(a) < 1e-9) return { area: 0, x: r[0][0], y: r[0][1] };
	return { area: Math.abs(a / 2), x: x / (3 * a), y: y / (3 * a) };
}

/** Intervals of x where the horizontal line at y is inside the shape (even-odd over all rings). */
function spansAt(rings: Ring[], y: number): [number, number][] {
	const xs: number[] = [];
	for (const r of rings) {
		for (let i = 0, j = r.length - 1; i < r.length; j = i++) {
			const [x1, y1] = r[j];
			const [x2, y2] = r[i];
			if (y1 > y !== y2 > y) xs.push(x1 + ((y - y1) / (y2 - y1)) * (x2 - x1));
		}
	}
	xs.sort((a, b) => a - b);
	const out: [number, number][] = [];
	for (let i = 0; i + 1 < xs.length; i += 2) out.push([xs[i], xs[i + 1]]);
	return out;
}

/** The widest horizontal room for a text line of height h centred at y: the intersection of the spans at its top, middle and bottom. */
function roomAt(rings: Ring[], y: number, h: number): { left: number; right: number } | null {
	let best: { left: number; right: number } | null = null;
	for (const [l, r] of spansAt(rings, y)) {
		let left = l;
		let right = r;
		for (const yy of [y - h / 2, y + h / 2]) {
			const hit = spansAt(rings, yy).find(([a, b]) => b > left && a < right);
			if (!hit) {
				left = right;
				break;
			}
			left = Math.max(left, hit[0]);
			right = Math.min(right, hit[1]);
		}
		if (right > left && (!best || right - left > best.right - best.left)) best = { left, right };
	}
	return best;
}

/** The text on one line, or on two lines broken at the space that balances them best. */
function linesOf(text: string, n: number): string[] | null {
	if (n === 1) return [text];
	let best: string[] | null = null;
	for (let i = text.indexOf(' '); i > 0; i = text.indexOf(' ', i + 1)) {
		const split = [text.slice(0, i), text.slice(i + 1)];
		if (!best || Math.max(...split.map((l) => l.length)) < Math.max(...best.map((l) => l.length)))
			best = split;
	}
	return best;
}

/** Where the label goes: the scanline nearest the centroid that holds the text, in the first layout that fits. */
function placeLabel(
	rings: Ring[],
	text: string,
	cy: number,
	top: number,
	bottom: number,
	unitPx: number
): WallLabel | null {
	for (const layout of LAYOUTS) {
		const lines = linesOf(text, layout.lines);
		if (!lines) continue;
		const size = layout.px / unitPx;
		const need = Math.max(...lines.map((l) => l.length)) * GLYPH_EM * size * 1.08;
		const h = size * LINE * lines.length;
		const candidates: number[] = [cy];
		for (let k = 1; k <= 8; k++) {
			const step = ((bottom - top) * k) / 18;
			candidates.push(cy - step, cy + step);
		}
		for (const y of candidates) {
			if (y - h / 2 <= top || y + h / 2 >= bottom) continue;
			const room = roomAt(rings, y, h);
			if (room && room.right - room.left >= need)
				return { x: round((room.left + room.right) / 2), y: round(y), size: round(size), lines };
		}
	}
	return null;
}

const round = (v: number) => Math.round(v * 10) / 10;

/** Drop points closer than `tol` to the last kept one (the wall cannot show them). */
function simplify(r: Ring, tol: number): Ring {
	const out: Ring = [];
	for (const p of r) {
		const last = out[out.length - 1];
		if (!last || Math.abs(p[0] - last[0]) + Math.abs(p[1] - last[1]) >= tol) out.push(p);
	}
	return out.length >= 3 ? out : r;
}

function pathOf(rings: Ring[]): string {
	return rings
		.map((r) => 'M' + r.map(([x, y]) => `${round(x)} ${round(y)}`).join('L') + 'Z')
		.join('');
}

export function buildWallMap(features: GeoFeature[]): WallMap {
	const polys = features.map((f) => polygonsOf(f.geometry as Geometry));
	const points = features.map(pointOf);
	let minLon = Infinity;
	let maxLon = -Infinity;
	let minLat = Infinity;
	let maxLat = -Infinity;
	const see = (p: Position) => {
		minLon = Math.min(minLon, p[0]);
		maxLon = Math.max(maxLon, p[0]);
		minLat = Math.min(minLat, p[1]);
		maxLat = Math.max(maxLat, p[1]);
	};
	features.forEach((_, i) => {
		if (polys[i].length > 0)
			for (const poly of polys[i]) for (const ring of poly) ring.forEach(see);
		else if (points[i]) see(points[i]!);
	});
	if (!Number.isFinite(minLon))
		return { width: MAP_WIDTH, height: Math.round(MAP_WIDTH * 0.6), units: [] };

	const kx = Math.cos((((minLat + maxLat) / 2) * Math.PI) / 180);
	const spanX = Math.max((maxLon - minLon) * kx, 1e-6);
	const spanY = Math.max(maxLat - minLat, 1e-6);
	const scale = (MAP_WIDTH - 2 * PAD) / spanX;
	const height = Math.round(Math.max(spanY * scale + 2 * PAD, MAP_WIDTH * 0.3));
	const offY = (height - spanY * scale) / 2;
	const project = (p: Position): [number, number] => [
		PAD + (p[0] - minLon) * kx * scale,
		offY + (maxLat - p[1]) * scale
	];
	// CSS px per SVG unit when the drawing fills the panel at 1080p.
	const unitPx = Math.min(PANEL_PX.width / MAP_WIDTH, PANEL_PX.height / height);
	const tol = 0.6 / unitPx;

	const units = features.map((f, i): WallUnit => {
		const { code, name } = f.properties;
		const short = shortName(name);
		if (polys[i].length === 0) {
			const p = points[i] ? project(points[i]!) : null;
			return {
				code,
				name,
				short,
				d: null,
				cx: round(p?.[0] ?? -1),
				cy: round(p?.[1] ?? -1),
				label: null
			};
		}
		const rings: Ring[] = polys[i].flatMap((poly) =>
			poly.map((ring) => simplify(ring.map(project), tol))
		);
		// Label in the largest outer ring.
		let best = { area: -1, x: 0, y: 0 };
		let top = Infinity;
		let bottom = -Infinity;
		let bestRings: Ring[] = rings;
		for (const poly of polys[i]) {
			const outer = poly.map((ring) => simplify(ring.map(project), tol));
			const c = ringCentroid(outer[0]);
			if (c.area > best.area) {
				best = c;
				bestRings = outer;
				top = Math.min(...outer[0].map((p) => p[1]));
				bottom = Math.max(...outer[0].map((p) => p[1]));
			}
		}
		const label = placeLabel(bestRings, short, best.y, top, bottom, unitPx);
		return { code, name, short, d: pathOf(rings), cx: round(best.x), cy: round(best.y), label };
	});
	const pointUnits = units.filter((u) => u.d === null && u.cx >= 0);
	if (pointUnits.length > 0 && pointUnits.length <= 30) {
		const size = round(LAYOUTS[2].px / unitPx);
		for (const u of pointUnits)
			u.label = { x: u.cx, y: round(u.cy - size * 1.2), size, lines: [u.short] };
	}
	return { width: MAP_WIDTH, height, units };
}
