import { describe, expect, it } from 'vitest';
import { isRead, mayRetry, withReconnectRetry } from '../../src/lib/server/db/reconnect.ts';

/** What postgres.js throws, as drizzle wraps it. */
const failure = (code: string) =>
	Object.assign(new Error('Failed query'), { cause: Object.assign(new Error(code), { code }) });

function flaky(err: () => Error, failures: number, delayMs = 0) {
	let calls = 0;
	const run = async () => {
		calls++;
		if (calls <= failures) {
			if (delayMs) await new Promise((r) => setTimeout(r, delayMs));
			throw err();
		}
		return 'rows';
	};
	return { run, calls: () => calls };
}

const READ = () => 'select jsonb_build_object(...) as j from rollups where unit = $1';
const WRITE = () => 'insert into audit_log (action) values ($1)';

describe('one more try on a dead pooled connection', () => {
	it('retries a refused connection once, for any statement', async () => {
		const f = flaky(() => failure('ECONNREFUSED'), 1);
		await expect(withReconnectRetry(f.run, WRITE)).resolves.toBe('rows');
		expect(f.calls()).toBe(2);
		// A server still starting up refuses the connection before any statement runs.
		expect(mayRetry(failure('57P03'), 5, WRITE)).toBe(true);
	});
	it('retries a broken connection for a read, never for a write', async () => {
		const r = flaky(() => failure('CONNECTION_CLOSED'), 1);
		await expect(withReconnectRetry(r.run, READ)).resolves.toBe('rows');
		expect(r.calls()).toBe(2);
		// A backend the server ended while the connection sat idle in the pool (a restart, pg_terminate_backend).
		const ended = flaky(() => failure('57P01'), 1);
		await expect(withReconnectRetry(ended.run, READ)).resolves.toBe('rows');
		expect(ended.calls()).toBe(2);
		expect(mayRetry(failure('57P01'), 5, WRITE)).toBe(false);
		const w = flaky(() => failure('ECONNRESET'), 1);
		await expect(withReconnectRetry(w.run, WRITE)).rejects.toThrow('Failed query');
		expect(w.calls()).toBe(1);
	});
	it('tries twice at most', async () => {
		const f = flaky(() => failure('ECONNREFUSED'), 5);
		await expect(withReconnectRetry(f.run, READ)).rejects.toThrow('Failed query');
		expect(f.calls()).toBe(2);
	});
	it('does not retry after waiting for an unreachable database, nor other errors', async () => {
		const slow = flaky(() => failure('ECONNREFUSED'), 1, 1100);
		await expect(withReconnectRetry(slow.run, READ)).rejects.toThrow();
		expect(slow.calls()).toBe(1);
		expect(mayRetry(failure('22P02'), 5, READ)).toBe(false);
		expect(mayRetry(new Error('a bug'), 5, READ)).toBe(false);
	});
	it('knows a read from a write', () => {
		expect(isRead('  select 1 as j')).toBe(true);
		expect(isRead('with x as (select 1) select * from x')).toBe(true);
		expect(isRead('with x as (delete from t returning *) select * from x')).toBe(false);
		expect(isRead('update units set name = $1')).toBe(false);
	});
});
