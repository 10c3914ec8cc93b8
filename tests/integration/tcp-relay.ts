/**
 * A TCP relay for outage tests (the machine's own PostgreSQL is never
 * stopped): clients connect to the relay, which pipes to the target.
 * `cut()` drops every connection and refuses new ones, as a database that
 * stopped; `restore()` accepts again on the same port. `silence()` stops
 * forwarding without closing anything, as a cable cut between two peers:
 * no FIN, no RST, just nothing.
 */
import { createServer, connect, type Server, type Socket } from 'node:net';

export class TcpRelay {
	readonly #target: { host: string; port: number };
	#server: Server | null = null;
	#port = 0;
	#pairs = new Set<[Socket, Socket]>();
	#silent = false;

	constructor(host: string, port: number) {
		this.#target = { host, port };
	}

	get port(): number {
		return this.#port;
	}

	/** Connections currently relayed. */
	get connections(): number {
		return this.#pairs.size;
	}

	/** The local ports of the relay's connections to the target (the database sees these as client ports). */
	upstreamPorts(): number[] {
		return [...this.#pairs].map(([, up]) => up.localPort).filter((p): p is number => typeof p === 'number');
	}

	async start(port = 0): Promise<number> {
		const server = createServer((client) => this.#accept(client));
		await new Promise<void>((resolve, reject) => {
			server.once('error', reject);
			server.listen(port, '127.0.0.1', () => resolve());
		});
		this.#server = server;
		this.#port = (server.address() as { port: number }).port;
		return this.#port;
	}

	#accept(client: Socket): void {
		const upstream = connect(this.#target.port, this.#target.host);
		const pair: [Socket, Socket] = [client, upstream];
		this.#pairs.add(pair);
		const end = () => {
			this.#pairs.delete(pair);
			client.destroy();
			upstream.destroy();
		};
		for (const [from, to] of [
			[client, upstream],
			[upstream, client]
		] as const) {
			from.on('data', (chunk) => {
				if (!this.#silent) to.write(chunk);
			});
			from.on('error', end);
			from.on('close', end);
		}
	}

	/** The database went away: every relayed connection is dropped, new ones are refused. */
	async cut(): Promise<void> {
		const server = this.#server;
		this.#server = null;
		for (const [a, b] of this.#pairs) {
			a.destroy();
			b.destroy();
		}
		this.#pairs.clear();
		if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
	}

	/** Accept again, on the same port. */
	async restore(): Promise<void> {
		await this.start(this.#port);
	}

	/** Forward nothing more, close nothing: the peers' connections go silent. */
	silence(): void {
		this.#silent = true;
	}

	async close(): Promise<void> {
		this.#silent = false;
		await this.cut();
	}
}
