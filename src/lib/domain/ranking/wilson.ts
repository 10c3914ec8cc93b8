/** 95% Wilson score interval for k successes out of n (docs/domain.md#ranking). */
export const Z95 = 1.959963984540054;

export function wilson(k: number, n: number, z = Z95): { lower: number; upper: number } | null {
	if (n <= 0) return null;
	if (k < 0 || k > n) throw new RangeError(`wilson: k=${k} outside 0..${n}`);
	const p = k / n;
	const z2 = z * z;
	const denom = 1 + z2 / n;
	const centre = p + z2 / (2 * n);
	const margin = z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
	return {
		lower: Math.max(0, (centre - margin) / denom),
		upper: Math.min(1, (centre + margin) / denom)
	};
}
