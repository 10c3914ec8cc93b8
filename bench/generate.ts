/** Synthetic event streams, valid as docs/api.md#event-fields says, for the benchmarks. */
export function benchUnitsCsv(communes: number): string {
	const lines = ['code,name,type,parent_code', '46,Tỉnh Đo Đạc,province,'];
	for (let i = 1; i <= communes; i++)
		lines.push(`46${String(i).padStart(3, '0')},Xã ${i},commune,46`);
	return lines.join('\n') + '\n';
}

function lcg(seed: number) {
	let s = seed >>> 0;
	return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 4294967296;
}

/** About 3.6 events per dossier over one year: received, resolved, returned, sometimes rated. */
export function* benchEvents(
	dossiers: number,
	year: number,
	communes = 100
): Generator<Record<string, unknown>> {
	const rnd = lcg(42);
	const t0 = Date.parse(`${year}-01-01T08:00:00+07:00`);
	const span = 360 * 86400_000;
	for (let i = 0; i < dossiers; i++) {
		const unit = `46${String(1 + Math.floor(rnd() * communes)).padStart(3, '0')}`;
		const dossier = `B${i}`;
		const at = t0 + Math.floor((i / dossiers) * span) + Math.floor(rnd() * 8) * 3600_000;
		const due = at + (1 + Math.floor(rnd() * 10)) * 86400_000;
		const channel = rnd() < 0.6 ? 'online' : rnd() < 0.9 ? 'direct' : 'postal';
		yield {
			id: `${dossier}-r`,
			type: 'dossier.received',
			at: new Date(at).toISOString(),
			unit,
			dossier,
			procedure: 'P' + (i % 50),
			field: 'F' + (i % 8),
			channel,
			dueAt: new Date(due).toISOString(),
			digitized: rnd() < 0.7
		};
		if (rnd() < 0.92) {
			const done = at + Math.floor(rnd() * 12 * 86400_000);
			yield {
				id: `${dossier}-s`,
				type: 'dossier.resolved',
				at: new Date(done).toISOString(),
				unit,
				dossier,
				resultDigitized: rnd() < 0.5
			};
			yield {
				id: `${dossier}-t`,
				type: 'dossier.returned',
				at: new Date(done + 3600_000).toISOString(),
				unit,
				dossier
			};
			if (rnd() < 0.6)
				yield {
					id: `${dossier}-v`,
					type: 'dossier.rated',
					at: new Date(done + 3700_000).toISOString(),
					unit,
					dossier,
					level: rnd() < 0.8 ? 'very_satisfied' : 'satisfied'
				};
		}
	}
}

/**
 * The scale benchmark's province (issue: "100 communes in 10 districts"): province 90, districts 901–910,
 * communes 90101–91010; and a two-level province 95 with 3,321 communes (95001–98321) for the big rankings.
 */
export function scaleUnitsCsv(): string {
	const lines = [
		'code,name,type,parent_code',
		'90,Tỉnh Quy Mô,province,',
		'95,Tỉnh Hai Cấp,province,'
	];
	for (let d = 1; d <= 10; d++) {
		const district = `9${String(d).padStart(2, '0')}`;
		lines.push(`${district},Huyện ${d},district,90`);
		for (let c = 1; c <= 10; c++)
			lines.push(`${district}${String(c).padStart(2, '0')},Xã ${d}.${c},commune,${district}`);
	}
	for (let c = 1; c <= 3321; c++) lines.push(`${95000 + c},Xã Hai Cấp ${c},commune,95`);
	return lines.join('\n') + '\n';
}

// Not on an hour boundary, so that the rest of the current hour (queries/counters.ts) is read as at a real "now".
export const SCALE_NOW = new Date('2025-12-20T10:37:00+07:00');

/**
 * `dossiers` dossiers received over 2025-01-01 … SCALE_NOW in the communes of province 90 (or of 95 with
 * `province: '95'`): ~3.3 events each — received; 90 % resolved (96 % of them in time, never after SCALE_NOW),
 * then returned, a third rated; 10 % still open at SCALE_NOW (about a third of them past their deadline).
 */
export function* scaleEvents(
	dossiers: number,
	opts: { seed?: number; province?: '90' | '95'; prefix?: string } = {}
): Generator<Record<string, unknown>> {
	const rnd = lcg(opts.seed ?? 7);
	const province = opts.province ?? '90';
	const prefix = opts.prefix ?? 'S';
	const t0 = Date.parse('2025-01-01T07:30:00+07:00');
	const end = SCALE_NOW.getTime();
	const span = end - t0 - 16 * 86400_000;
	const unitOf = () => {
		if (province === '95') return String(95001 + Math.floor(rnd() * 3321));
		const n = Math.floor(rnd() * 100);
		return `9${String(1 + Math.floor(n / 10)).padStart(2, '0')}${String(1 + (n % 10)).padStart(2, '0')}`;
	};
	const iso = (t: number) => new Date(t).toISOString();
	for (let i = 0; i < dossiers; i++) {
		const unit = unitOf();
		const dossier = `${prefix}${i}`;
		const open = rnd() < 0.1;
		// Open dossiers were received in the last 30 days; the others any time before.
		const at = open
			? end - Math.floor(rnd() * 30 * 86400_000)
			: t0 + Math.floor((i / dossiers) * span) + Math.floor(rnd() * 8) * 3600_000;
		const due = at + (1 + Math.floor(rnd() * 15)) * 86400_000;
		const channel = rnd() < 0.55 ? 'online' : rnd() < 0.92 ? 'direct' : 'postal';
		yield {
			id: `${dossier}-r`,
			type: 'dossier.received',
			at: iso(at),
			unit,
			dossier,
			procedure: `P${i % 60}`,
			procedureName: `Thủ tục ${i % 60}`,
			field: `F${i % 12}`,
			fieldName: `Lĩnh vực ${i % 12}`,
			channel,
			...(channel === 'online' ? { onlineLevel: rnd() < 0.5 ? 'full' : 'partial' } : {}),
			dueAt: iso(due),
			digitized: rnd() < 0.7
		};
		if (rnd() < 0.05)
			yield {
				id: `${dossier}-b`,
				type: 'dossier.supplement_requested',
				at: iso(at + 86400_000),
				unit,
				dossier
			};
		if (open) continue;
		// Most are resolved before their appointment (the seeds: 99 % in time), about 4 % after it.
		const late = rnd() < 0.04;
		const done = Math.min(
			end - 3600_000,
			late ? due + Math.floor(rnd() * 5 * 86400_000) : at + Math.floor(rnd() * (due - at))
		);
		yield {
			id: `${dossier}-s`,
			type: 'dossier.resolved',
			at: iso(done),
			unit,
			dossier,
			resultDigitized: rnd() < 0.6
		};
		if (rnd() < 0.8)
			yield {
				id: `${dossier}-t`,
				type: 'dossier.returned',
				at: iso(done + 1800_000),
				unit,
				dossier
			};
		if (rnd() < 0.33)
			yield {
				id: `${dossier}-v`,
				type: 'dossier.rated',
				at: iso(done + 1900_000),
				unit,
				dossier,
				level: rnd() < 0.85 ? 'very_satisfied' : rnd() < 0.8 ? 'satisfied' : 'unsatisfied',
				via: 'kiosk'
			};
	}
}
