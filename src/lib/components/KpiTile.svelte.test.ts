/**
 * KPI tiles (docs/design.md#unit-overview): the value, its base, and the change against the comparison
 * period as the unit page builds it (fmtDeltaPoints for rates, fmtDeltaCount for counts,
 * docs/domain.md#deltas) — ▲ marked up, ▼ marked down, ■ neither, nothing without a previous value.
 */
import { describe, expect, it } from 'vitest';
import { render } from 'vitest-browser-svelte';
import { fmtDeltaCount, fmtDeltaPoints } from '$lib/client/format.ts';
import KpiTile from './KpiTile.svelte';

const VS = 'so với kỳ trước';

async function tile(props: Parameters<typeof render<typeof KpiTile>>[1]) {
	const screen = await render(KpiTile, props);
	return { screen, delta: screen.container.querySelector<HTMLElement>('.delta') };
}

describe('KpiTile deltas', () => {
	it('a rate that rose shows ▲ and the points, marked as up', async () => {
		const { screen, delta } = await tile({
			label: 'Tỷ lệ đúng hạn',
			value: '97,8%',
			base: '1.177 / 1.204 · n = 1.204',
			'data-testid': 'kpi-ontime',
			delta: fmtDeltaPoints(0.978, 0.95),
			deltaLabel: VS
		});
		await expect.element(screen.getByTestId('kpi-ontime-value')).toHaveTextContent('97,8%');
		await expect.element(screen.getByText('1.177 / 1.204 · n = 1.204')).toBeVisible();
		expect(delta?.textContent?.trim()).toBe('▲ 2,8 đ.p.');
		expect(delta?.title).toBe(VS);
		expect(delta?.classList.contains('up')).toBe(true);
		expect(delta?.classList.contains('down')).toBe(false);
	});

	it('a rate that fell shows ▼, marked as down, in another colour than a rise', async () => {
		const down = (await tile({ label: 'x', value: '90%', delta: fmtDeltaPoints(0.9, 0.925) }))
			.delta!;
		expect(down.textContent?.trim()).toBe('▼ 2,5 đ.p.');
		expect(down.classList.contains('down')).toBe(true);
		const downColour = getComputedStyle(down).color;
		const up = (await tile({ label: 'x', value: '95%', delta: fmtDeltaPoints(0.95, 0.9) })).delta!;
		expect(getComputedStyle(up).color).not.toBe(downColour);
	});

	it('a change under 0.05 points is ■ and neither up nor down', async () => {
		const { delta } = await tile({ label: 'x', value: '95%', delta: fmtDeltaPoints(0.9504, 0.95) });
		expect(delta?.textContent?.trim()).toBe('■ 0,0 đ.p.');
		expect(delta?.classList.contains('up')).toBe(false);
		expect(delta?.classList.contains('down')).toBe(false);
	});

	it('counts change by whole numbers', async () => {
		expect(
			(
				await tile({ label: 'x', value: '3', delta: fmtDeltaCount(1203, 1500) })
			).delta?.textContent?.trim()
		).toBe('▼ 297');
		expect(
			(
				await tile({ label: 'x', value: '3', delta: fmtDeltaCount(1500, 1500) })
			).delta?.textContent?.trim()
		).toBe('■ 0');
	});

	it('no previous value (a rate without a denominator then): no delta at all', async () => {
		expect(fmtDeltaPoints(0.9, null)).toBeNull();
		const { delta } = await tile({ label: 'x', value: '—', delta: fmtDeltaPoints(null, 0.9) });
		expect(delta).toBeNull();
	});

	it('a tile with a link is a link; the alert tone marks the value', async () => {
		const { screen } = await tile({
			label: 'Đang quá hạn',
			value: '7',
			tone: 'alert',
			href: '/overdue?unit=46',
			'data-testid': 'kpi-overdue'
		});
		const link = screen.getByRole('link', { name: 'Đang quá hạn' });
		await expect.element(link).toHaveAttribute('href', '/overdue?unit=46');
		await expect.element(link).toHaveClass('alert');
	});
});
