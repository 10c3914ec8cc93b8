/** Work still running (figure queries, subscribes): closing the hub waits for it, so nothing queries a closed database. */
export class Pending {
	#set = new Set<Promise<unknown>>();

	track<T>(p: Promise<T>): Promise<T> {
		this.#set.add(p);
		const forget = () => this.#set.delete(p);
		p.then(forget, forget);
		return p;
	}

	async drain(): Promise<void> {
		while (this.#set.size > 0) await Promise.allSettled([...this.#set]);
	}
}
