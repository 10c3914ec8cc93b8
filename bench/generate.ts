/** Synthetic, contract-valid event streams for the benchmarks. */
export function benchUnitsCsv(communes: number): string {
	const lines = ['code,name,type,parent_code', '46,Tỉnh Đo Đạc,province,'];
	for (let i = 1; i <= communes; i++) lines.push(`46${String(i).padStart(3, '0')},Xã ${i},commune,46`);
	return lines.join('\n') + '\n';
}

function lcg(seed: number) {
	let s = seed >>> 0;
	return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 4294967296);
}

/** About 3.6 events per dossier over one year: received, resolved, returned, sometimes rated. */
export function* benchEvents(dossiers: number, year: number, communes = 100): Generator<Record<string, unknown>> {
	const rnd = lcg(42);
	const t0 = Date.parse(`${year}-01-01T08:00:00+07:00`);
	const span = 360 * 86400_000;
	for (let i = 0; i < dossiers; i++) {
		const unit = `46${String(1 + Math.floor(rnd() * communes)).padStart(3, '0')}`;
		const dossier = `B${i}`;
		const at = t0 + Math.floor((i / dossiers) * span) + Math.floor(rnd() * 8) * 3600_000;
		const due = at + (1 + Math.floor(rnd() * 10)) * 86400_000;
		const channel = rnd() < 0.6 ? 'online' : rnd() < 0.9 ? 'direct' : 'postal';
		yield { id: `${dossier}-r`, type: 'dossier.received', at: new Date(at).toISOString(), unit, dossier, procedure: 'P' + (i % 50), field: 'F' + (i % 8), channel, dueAt: new Date(due).toISOString(), digitized: rnd() < 0.7 };
		if (rnd() < 0.92) {
			const done = at + Math.floor(rnd() * 12 * 86400_000);
			yield { id: `${dossier}-s`, type: 'dossier.resolved', at: new Date(done).toISOString(), unit, dossier, resultDigitized: rnd() < 0.5 };
			yield { id: `${dossier}-t`, type: 'dossier.returned', at: new Date(done + 3600_000).toISOString(), unit, dossier };
			if (rnd() < 0.6) yield { id: `${dossier}-v`, type: 'dossier.rated', at: new Date(done + 3700_000).toISOString(), unit, dossier, level: rnd() < 0.8 ? 'very_satisfied' : 'satisfied' };
		}
	}
}
