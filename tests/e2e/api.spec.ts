import { expect, test } from '@playwright/test';
import { keys } from './helpers.ts';

test('healthz answers ok with the embedded database', async ({ request }) => {
	const res = await request.get('/healthz');
	expect(res.status()).toBe(200);
	expect(await res.json()).toMatchObject({ ok: true });
});

test('events sent over real HTTP show in the summary; duplicates are safe', async ({ request }) => {
	const { ingest, read } = keys();
	const events = [
		{
			id: 'api-1',
			type: 'dossier.received',
			at: '2024-03-04T09:00:00+07:00',
			unit: '38001',
			dossier: 'API-1',
			procedure: 'KS',
			field: 'HT',
			channel: 'online',
			onlineLevel: 'full',
			dueAt: '2024-03-06T17:00:00+07:00'
		},
		{
			id: 'api-2',
			type: 'dossier.resolved',
			at: '2024-03-05T10:00:00+07:00',
			unit: '38001',
			dossier: 'API-1'
		},
		{
			id: 'api-3',
			type: 'dossier.received',
			at: '2024-03-04T10:00:00+07:00',
			unit: '38002',
			dossier: 'API-2',
			procedure: 'CT',
			field: 'CT',
			channel: 'direct',
			dueAt: '2024-03-04T16:00:00+07:00'
		}
	];
	const post = await request.post('/api/v1/events', {
		headers: { authorization: `Bearer ${ingest}` },
		data: { events }
	});
	expect(post.status()).toBe(200);
	expect(await post.json()).toMatchObject({ accepted: 3, duplicates: 0 });
	const again = await request.post('/api/v1/events', {
		headers: { authorization: `Bearer ${ingest}` },
		data: { events }
	});
	expect(await again.json()).toMatchObject({ accepted: 0, duplicates: 3 });

	const res = await request.get('/api/v1/summary?unit=38&from=2024-03-01&to=2024-03-31', {
		headers: { authorization: `Bearer ${read}` }
	});
	expect(res.status()).toBe(200);
	const s = await res.json();
	expect(s.received).toMatchObject({ total: 2, new: 2, online: 1, direct: 1, onlineFull: 1 });
	expect(s.resolved).toMatchObject({ total: 1, early: 1 });
	expect(s.pending).toMatchObject({ total: 1, overdue: 1 });

	// Resolved late in April: March stays as it was, and no later period of the shared e2e data carries it over.
	const late = [
		{
			id: 'api-4',
			type: 'dossier.resolved',
			at: '2024-04-02T10:00:00+07:00',
			unit: '38002',
			dossier: 'API-2'
		}
	];
	expect(
		(
			await request.post('/api/v1/events', {
				headers: { authorization: `Bearer ${ingest}` },
				data: { events: late }
			})
		).status()
	).toBe(200);
	const april = await (
		await request.get('/api/v1/summary?unit=38&from=2024-04-01&to=2024-04-30', {
			headers: { authorization: `Bearer ${read}` }
		})
	).json();
	expect(april.received).toMatchObject({ new: 0, carriedOver: 1 });
	expect(april.resolved).toMatchObject({ total: 1, overdue: 1 });
	const march = await (
		await request.get('/api/v1/summary?unit=38&from=2024-03-01&to=2024-03-31', {
			headers: { authorization: `Bearer ${read}` }
		})
	).json();
	expect(march).toEqual(s);
});

test('the API refuses without a key and beyond the limits; pages need a login', async ({
	request
}) => {
	expect((await request.post('/api/v1/events', { data: { events: [] } })).status()).toBe(401);
	const big = { events: Array.from({ length: 5001 }, (_, i) => ({ id: String(i) })) };
	const res = await request.post('/api/v1/events', {
		headers: { authorization: `Bearer ${keys().ingest}` },
		data: big
	});
	expect(res.status()).toBe(413);
	const page = await request.get('/units/38', { maxRedirects: 0 });
	expect(page.status()).toBe(303);
	expect(page.headers()['location']).toMatch(/^\/login\?next=/);
});
