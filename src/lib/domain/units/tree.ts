/**
 * Helpers for a unit tree held in memory (scopes, levels, import order).
 * They expect a valid tree (see `validateUnitTree`) but never loop forever on
 * a broken one: a unit whose parent is unknown is treated as a top unit, and an
 * ancestor chain stops before repeating a unit.
 */

export type UnitLink = { code: string; parentCode: string | null };
/** code → the codes from its top unit down to and including the unit itself. */
export type AncestorsMap = ReadonlyMap<string, readonly string[]>;
/** code → its children's codes, sorted. */
export type ChildrenMap = ReadonlyMap<string, readonly string[]>;

/** For every unit, its ancestor codes from the root down to and including itself. */
export function buildAncestors(units: readonly UnitLink[]): Map<string, string[]> {
	const parent = new Map<string, string | null>();
	for (const u of units) if (!parent.has(u.code)) parent.set(u.code, u.parentCode);
	const result = new Map<string, string[]>();
	for (const code of parent.keys()) {
		if (result.has(code)) continue;
		// Walk up until a unit whose chain is known, a top unit, or a repeat.
		const upward: string[] = [];
		const seen = new Set<string>();
		let current: string | null = code;
		let base: string[] = [];
		while (current !== null && parent.has(current) && !seen.has(current)) {
			const known = result.get(current);
			if (known !== undefined) {
				base = known;
				break;
			}
			seen.add(current);
			upward.push(current);
			current = parent.get(current) ?? null;
		}
		let chain = base;
		for (let i = upward.length - 1; i >= 0; i--) {
			chain = [...chain, upward[i]];
			result.set(upward[i], chain);
		}
	}
	return result;
}

/** 0 for a top unit, 1 for its children, …; null for an unknown unit. */
export function depthOf(ancestors: AncestorsMap, code: string): number | null {
	const chain = ancestors.get(code);
	return chain === undefined ? null : chain.length - 1;
}

/** True when `unitCode` is `scopeCode` or one of its descendants (a scope is a unit and its subtree). */
export function isInScope(ancestors: AncestorsMap, scopeCode: string, unitCode: string): boolean {
	return ancestors.get(unitCode)?.includes(scopeCode) ?? false;
}

/** Each unit's children, sorted by code (units without children have no entry; see `topUnits` for the roots). */
export function buildChildren(units: readonly UnitLink[]): Map<string, string[]> {
	const children = new Map<string, string[]>();
	const seen = new Set<string>();
	for (const u of units) {
		if (seen.has(u.code)) continue;
		seen.add(u.code);
		if (u.parentCode === null) continue;
		const list = children.get(u.parentCode);
		if (list === undefined) children.set(u.parentCode, [u.code]);
		else list.push(u.code);
	}
	for (const list of children.values()) list.sort(compareCodes);
	return children;
}

/** Units without a parent, sorted by code. */
export function topUnits(units: readonly UnitLink[]): string[] {
	return [...new Set(units.filter((u) => u.parentCode === null).map((u) => u.code))].sort(
		compareCodes
	);
}

/**
 * The descendants of `code` exactly `level` levels below it, sorted by code:
 * level 1 = children (docs/api.md#rankings), 2 = grandchildren, …; level 0 = the unit itself.
 */
export function descendantsAtLevel(
	units: readonly UnitLink[] | ChildrenMap,
	code: string,
	level: number
): string[] {
	if (!Number.isInteger(level) || level < 0)
		throw new RangeError(`level must be a whole number ≥ 0, got ${level}`);
	const children =
		units instanceof Map ? (units as ChildrenMap) : buildChildren(units as readonly UnitLink[]);
	let frontier = [code];
	const visited = new Set(frontier);
	for (let i = 0; i < level && frontier.length > 0; i++) {
		const next: string[] = [];
		for (const c of frontier) {
			for (const child of children.get(c) ?? []) {
				if (visited.has(child)) continue;
				visited.add(child);
				next.push(child);
			}
		}
		frontier = next;
	}
	return [...frontier].sort(compareCodes);
}

/**
 * The rows with every parent before its children: sorted by depth within the
 * file (parents outside the file count as roots), otherwise in their original
 * order. Rows caught in a parent loop come last, in their original order.
 */
export function sortImportOrder<T extends UnitLink>(rows: readonly T[]): T[] {
	const parent = new Map<string, string | null>();
	for (const r of rows) if (!parent.has(r.code)) parent.set(r.code, r.parentCode);
	const depth = new Map<string, number>();
	const depthOfCode = (code: string): number => {
		const path: string[] = [];
		const onPath = new Set<string>();
		let current: string | null = code;
		let base = -1;
		while (current !== null && parent.has(current)) {
			const known = depth.get(current);
			if (known !== undefined) {
				base = known;
				break;
			}
			if (onPath.has(current)) {
				base = Number.POSITIVE_INFINITY;
				break;
			}
			onPath.add(current);
			path.push(current);
			current = parent.get(current) ?? null;
		}
		for (let i = path.length - 1; i >= 0; i--) depth.set(path[i], base + (path.length - i));
		return depth.get(code) as number;
	};
	return rows
		.map((row, index) => ({ row, index, depth: depthOfCode(row.code) }))
		.sort((a, b) => a.depth - b.depth || a.index - b.index)
		.map((x) => x.row);
}

/** Codes compare as plain strings (code-unit order, like `ORDER BY code COLLATE "C"`). */
export function compareCodes(a: string, b: string): number {
	return a < b ? -1 : a > b ? 1 : 0;
}
