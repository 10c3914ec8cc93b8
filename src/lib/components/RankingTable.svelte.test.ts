/**
 * The league table (docs/domain.md#ranking): each unit's 95 % Wilson band drawn from its lower to its upper
 * bound with the rate as a dot, the rate hidden behind "too few" for small or uncertain units
 * (docs/domain.md#too-few-to-show), units without data last with no rank, and the change in points
 * against the previous period.
 */
import { describe, expect, it } from 'vitest';
import { render } from 'vitest-browser-svelte';
import { domainOf } from '$lib/client/colors.ts';
import { fmtPct } from '$lib/client/format.ts';
import { STRINGS } from '$lib/client/i18n.ts';
import { rankUnits } from '$lib/domain/ranking/rank.ts';
import { emptyCounters } from '$lib/domain/figures/counters.ts';
import RankingTable from './RankingTable.svelte';

const s = STRINGS.vi;

/** Units with `k` of `n` resolved in time, ranked as the server ranks them. */
function ranked(units: { unit: string; k: number; n: number }[]) {
	return rankUnits(
		units.map(({ unit, k, n }) => ({
			unit,
			name: `Xã ${unit}`,
			counters: { ...emptyCounters(), early: k, resolved: n }
		})),
		'onTime'
	);
}

const ITEMS = ranked([
	{ unit: '46001', k: 3, n: 3 },
	{ unit: '46002', k: 990, n: 1000 },
	{ unit: '46003', k: 0, n: 0 },
	{ unit: '46004', k: 40, n: 50 }
]);

async function table(
	opts: { previous?: Map<string, number | null>; highlight?: string | null } = {}
) {
	const hovered: (string | null)[] = [];
	const screen = await render(RankingTable, {
		items: ITEMS,
		previous: opts.previous ?? new Map(),
		domain: domainOf(ITEMS.map((i) => i.value)),
		s,
		highlight: opts.highlight ?? null,
		hrefOf: (code: string) => `/units/${code}`,
		onHover: (code: string | null) => hovered.push(code)
	});
	const row = (unit: string) =>
		screen.container.querySelector<HTMLTableRowElement>(`tr[data-unit="${unit}"]`)!;
	return { screen, row, hovered };
}

const pct = (x: number) => `${x * 100}%`;

describe('RankingTable bands', () => {
	it('rows come in rank order: 990 of 1,000 above 3 of 3, no data last without a rank', async () => {
		const { screen, row } = await table();
		const order = [...screen.container.querySelectorAll('tbody tr')].map((r) =>
			r.getAttribute('data-unit')
		);
		expect(order).toEqual(['46002', '46004', '46001', '46003']);
		expect(row('46002').cells[0].textContent?.trim()).toBe('1');
		expect(row('46003').cells[0].textContent?.trim()).toBe('—');
		await expect
			.element(screen.getByRole('link', { name: 'Xã 46002' }))
			.toHaveAttribute('href', '/units/46002');
	});

	it('the band spans the Wilson interval, the dot sits at the rate', async () => {
		const { row } = await table();
		const item = ITEMS.find((i) => i.unit === '46004')!;
		const band = row('46004').querySelector<HTMLElement>('.band')!;
		const dot = row('46004').querySelector<HTMLElement>('.dot')!;
		expect(parseFloat(band.style.left)).toBeCloseTo(item.lower! * 100, 3);
		expect(parseFloat(band.style.width)).toBeCloseTo((item.upper! - item.lower!) * 100, 3);
		expect(dot.style.left).toBe(pct(0.8));
		// The band is drawn inside its track, as wide as the interval is of 0–100 %.
		const track = row('46004').querySelector<HTMLElement>('.track')!.getBoundingClientRect();
		const drawn = band.getBoundingClientRect();
		expect(drawn.width / track.width).toBeCloseTo(item.upper! - item.lower!, 2);
		expect((drawn.left - track.left) / track.width).toBeCloseTo(item.lower!, 2);
		expect(row('46004').querySelector('.track')!.getAttribute('title')).toBe(
			`${fmtPct(item.lower)} – ${fmtPct(item.upper)}`
		);
	});

	it('a narrow interval keeps a visible band of at least half a point', async () => {
		const narrow = ranked([{ unit: '46009', k: 99_990, n: 100_000 }]);
		const screen = await render(RankingTable, {
			items: narrow,
			previous: new Map(),
			domain: { min: 0.9, max: 1 },
			s,
			hrefOf: (c: string) => c
		});
		const band = screen.container.querySelector<HTMLElement>('.band')!;
		expect(parseFloat(band.style.width)).toBe(0.5);
	});

	it('a unit with too few dossiers shows "too few", not its rate; no data shows no band', async () => {
		const { row } = await table();
		const few = row('46001');
		expect(few.querySelector('[data-testid="too-few"]')?.textContent).toBe(s.tooFew);
		expect(few.querySelector('.swatch')).toBeNull();
		expect(few.querySelector('.band')).not.toBeNull();
		expect(few.classList.contains('small')).toBe(true);
		const none = row('46003');
		expect(none.querySelector('.band')).toBeNull();
		expect(none.cells[2].textContent?.trim()).toBe('—');
		const many = row('46002');
		expect(many.querySelector('[data-testid="too-few"]')).toBeNull();
		expect(many.querySelector('.swatch')).not.toBeNull();
		expect(many.cells[2].textContent?.trim()).toBe('99,0%');
		expect(many.classList.contains('small')).toBe(false);
	});

	it('the change column shows points against the previous period, ▲ up and ▼ down', async () => {
		const { row } = await table({
			previous: new Map<string, number | null>([
				['46002', 0.95],
				['46004', 0.85],
				['46001', null]
			])
		});
		const change = (u: string) => row(u).cells[5];
		expect(change('46002').textContent?.trim()).toBe('▲ 4,0 đ.p.');
		expect(change('46002').classList.contains('up')).toBe(true);
		expect(change('46004').textContent?.trim()).toBe('▼ 5,0 đ.p.');
		expect(change('46004').classList.contains('down')).toBe(true);
		expect(change('46001').textContent?.trim()).toBe('—');
	});

	it('the highlighted unit is marked, and hovering a row reports its unit', async () => {
		const { row, hovered, screen } = await table({ highlight: '46004' });
		expect(row('46004').classList.contains('hl')).toBe(true);
		expect(row('46002').classList.contains('hl')).toBe(false);
		await screen.getByRole('link', { name: 'Xã 46002' }).hover();
		await expect.poll(() => hovered).toContain('46002');
	});
});
