/**
 * Generated Vietnamese place names for the demo province: two syllables drawn
 * from lists of common place-name syllables ("Tân Phú", "Hòa Bình", "Đông
 * Sơn"…), unique within the province. The province's name says it is sample
 * data: "Tỉnh Minh Sơn (dữ liệu mẫu)".
 */
import { createRng, hashSeed } from './rng.ts';

const FIRST = [
	'Tân',
	'Hòa',
	'Đông',
	'Tây',
	'Nam',
	'Bắc',
	'Phú',
	'An',
	'Bình',
	'Vĩnh',
	'Thạnh',
	'Long',
	'Hưng',
	'Quảng',
	'Phước',
	'Thanh',
	'Minh',
	'Xuân',
	'Hải',
	'Trung',
	'Đức',
	'Thuận',
	'Cẩm',
	'Hương',
	'Lộc',
	'Mỹ',
	'Kim',
	'Ngọc',
	'Tam',
	'Hiệp',
	'Gia',
	'Quế',
	'Điện',
	'Duy',
	'Đại',
	'Sơn',
	'Hồng',
	'Lương',
	'Tiên',
	'Phong'
] as const;

const SECOND = [
	'Phú',
	'Bình',
	'Sơn',
	'Hòa',
	'An',
	'Thành',
	'Lợi',
	'Hưng',
	'Lộc',
	'Thịnh',
	'Phước',
	'Thủy',
	'Lâm',
	'Hải',
	'Điền',
	'Trạch',
	'Hà',
	'Tiến',
	'Long',
	'Xuân',
	'Trung',
	'Mỹ',
	'Phong',
	'Quang',
	'Vinh',
	'Hiệp',
	'Thọ',
	'Thạnh',
	'Khê',
	'Tân',
	'Đồng',
	'Giang',
	'Kỳ',
	'Lập',
	'Nghĩa',
	'Thắng',
	'Cường',
	'Yên',
	'Châu',
	'Tú'
] as const;

/** Made-up province names (none is a real province). */
const PROVINCES = [
	'Minh Sơn',
	'Hòa Lâm',
	'Xuân Giang',
	'Thanh Điền',
	'Phước Khê',
	'Vĩnh Tú'
] as const;

export const DEMO_LABEL = 'dữ liệu mẫu';

/** "Tỉnh Minh Sơn (dữ liệu mẫu)"; the default seed gives Minh Sơn. */
export function provinceName(seed: number): { base: string; full: string } {
	const base = PROVINCES[hashSeed(seed, 'province-name') % PROVINCES.length];
	return { base, full: `Tỉnh ${base} (${DEMO_LABEL})` };
}

/**
 * `count` distinct two-syllable names, none equal to `exclude` (e.g. the
 * province's own name), in a seeded order.
 */
export function placeNames(seed: number, count: number, exclude: readonly string[] = []): string[] {
	const rng = createRng(hashSeed(seed, 'place-names'));
	const taken = new Set(exclude);
	const out: string[] = [];
	const capacity = FIRST.length * (SECOND.length - 1);
	if (count > capacity - taken.size)
		throw new RangeError(`placeNames: at most ${capacity - taken.size} names, asked for ${count}`);
	while (out.length < count) {
		const a = rng.pick(FIRST);
		const b = rng.pick(SECOND);
		if (a === b) continue;
		const name = `${a} ${b}`;
		if (taken.has(name)) continue;
		taken.add(name);
		out.push(name);
	}
	return out;
}

/** The prefix of a unit type in its name. */
export const TYPE_PREFIX: Record<string, string> = {
	province: 'Tỉnh',
	provincial_city: 'Thành phố',
	district: 'Huyện',
	town: 'Thị xã',
	commune: 'Xã',
	ward: 'Phường',
	township: 'Thị trấn'
};

export function unitName(type: string, base: string): string {
	return `${TYPE_PREFIX[type] ?? ''} ${base}`.trim();
}
