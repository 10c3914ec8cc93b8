/**
 * The choropleth map (docs/domain.md#map-colours): its legend runs the one rate scale from the domain's
 * minimum ("≤" when lower values were clamped into it) to its maximum with the no-data swatch beside it,
 * and each unit is filled with the legend's colour for its rate — grey and dashed without data.
 */
import { describe, expect, it } from 'vitest';
import { render } from 'vitest-browser-svelte';
import { domainOf, rateColor, type Domain } from '$lib/client/colors.ts';
import { STRINGS } from '$lib/client/i18n.ts';
import ChoroplethMap from './ChoroplethMap.svelte';

const s = STRINGS.vi;

/** A colour as the browser reports it (rgb(…)), to compare with inline styles and SVG attributes. */
function css(colour: string): string {
	const probe = document.createElement('i');
	probe.style.color = colour;
	document.body.append(probe);
	const out = getComputedStyle(probe).color;
	probe.remove();
	return out;
}

const square = (x: number, y: number) => ({
	type: 'Polygon',
	coordinates: [
		[
			[x, y],
			[x + 0.1, y],
			[x + 0.1, y + 0.1],
			[x, y + 0.1],
			[x, y]
		]
	]
});

const GEO = {
	type: 'FeatureCollection' as const,
	features: [
		{
			type: 'Feature' as const,
			geometry: square(107.5, 16.4),
			properties: { code: '46001', name: 'Xã An' }
		},
		{
			type: 'Feature' as const,
			geometry: square(107.6, 16.4),
			properties: { code: '46002', name: 'Xã Bình' }
		},
		{
			type: 'Feature' as const,
			geometry: square(107.7, 16.4),
			properties: { code: '46003', name: 'Phường Cát' }
		}
	]
};
const NO_GEOMETRY = {
	type: 'FeatureCollection' as const,
	features: [] as typeof GEO.features
};

function renderMap(
	domain: Domain,
	opts: {
		geo?: typeof GEO;
		values?: Map<string, { value: number | null; n: number }>;
		highlight?: string | null;
	} = {}
) {
	const selected: string[] = [];
	return {
		selected,
		screen: render(ChoroplethMap, {
			geo: opts.geo ?? NO_GEOMETRY,
			values: opts.values ?? new Map(),
			domain,
			s,
			highlight: opts.highlight ?? null,
			onSelect: (code: string) => selected.push(code)
		})
	};
}

describe('ChoroplethMap legend', () => {
	it('runs nine swatches of the rate scale from the minimum to the maximum', async () => {
		const domain: Domain = { min: 0.8, max: 1 };
		const screen = await renderMap(domain).screen;
		const legend = screen.container.querySelector<HTMLElement>('.legend')!;
		expect(legend.getAttribute('aria-label')).toBe(s.legend);
		const labels = [...legend.children].map((c) => c.textContent?.trim());
		expect(labels[0]).toBe('80,0%');
		expect(labels[2]).toBe('100,0%');
		const swatches = [...legend.querySelectorAll<HTMLElement>('.ramp i')];
		expect(swatches).toHaveLength(9);
		swatches.forEach((sw, i) =>
			expect(getComputedStyle(sw).backgroundColor, `swatch ${i}`).toBe(
				css(rateColor(0.8 + (0.2 * i) / 8, domain))
			)
		);
		// Darker is better: the last swatch is darker than the first.
		const lum = (c: string) =>
			c
				.match(/\d+/g)!
				.slice(0, 3)
				.map(Number)
				.reduce((a, b) => a + b, 0);
		expect(lum(getComputedStyle(swatches[8]).backgroundColor)).toBeLessThan(
			lum(getComputedStyle(swatches[0]).backgroundColor)
		);
	});

	it('says "≤ min" when values below the minimum share its colour', async () => {
		// Ten or more values: the scale starts at the 10th percentile, the outlier below is clamped.
		const domain = domainOf([0.2, 0.9, 0.91, 0.92, 0.93, 0.94, 0.95, 0.96, 0.97, 0.98, 0.99]);
		expect(domain.clamped).toBe(true);
		const screen = await renderMap(domain).screen;
		const first = screen.container.querySelector('.legend')!.children[0];
		expect(first.textContent?.trim()).toBe('≤ 90,0%');
		const unclamped = await renderMap({ min: 0.9, max: 0.99 }).screen;
		expect(unclamped.container.querySelector('.legend')!.children[0].textContent?.trim()).toBe(
			'90,0%'
		);
	});

	it('shows the no-data swatch, and a sentence instead of a map without geometry', async () => {
		const screen = await renderMap({ min: 0, max: 1 }).screen;
		await expect.element(screen.getByText(s.noValue)).toBeVisible();
		await expect.element(screen.getByText(s.noChildren)).toBeVisible();
		expect(screen.container.querySelector('[data-testid="map"]')).toBeNull();
	});
});

describe('ChoroplethMap units', () => {
	it('fills each unit with its legend colour, no data grey and dashed, the highlight outlined', async () => {
		const domain: Domain = { min: 0.5, max: 1 };
		const values = new Map([
			['46001', { value: 0.6, n: 40 }],
			['46002', { value: 0.95, n: 300 }],
			['46003', { value: null, n: 0 }]
		]);
		const { screen, selected } = renderMap(domain, { geo: GEO, values, highlight: '46002' });
		const view = await screen;
		await expect.element(view.getByTestId('map')).toBeVisible();
		await expect
			.poll(() => view.container.querySelectorAll('path.leaflet-interactive').length, {
				timeout: 15_000
			})
			.toBe(3);
		const paths = [...view.container.querySelectorAll<SVGPathElement>('path.leaflet-interactive')];
		const fills = paths.map((p) => css(p.getAttribute('fill')!));
		expect(fills).toEqual([
			css(rateColor(0.6, domain)),
			css(rateColor(0.95, domain)),
			css(rateColor(null, domain))
		]);
		expect(paths[2].getAttribute('stroke-dasharray')).toBe('3 3');
		expect(paths[2].getAttribute('fill-opacity')).toBe('0.35');
		expect(paths[0].getAttribute('stroke-dasharray')).toBeNull();
		expect(css(paths[1].getAttribute('stroke')!)).toBe(css('#f4d35e'));
		expect(paths[1].getAttribute('stroke-width')).toBe('3');
		paths[0].dispatchEvent(new MouseEvent('click', { bubbles: true }));
		expect(selected).toEqual(['46001']);
	});
});
