/** Thrown by CLI commands for bad arguments: printed with the usage text, exit 1. */
export class UsageError extends Error {}

/** A CLI command group in its own module (`cli calendar …`, `cli mergers …`). */
export type CommandGroup = {
	usage: string;
	run(app: import('../lib/server/app.ts').App, args: string[]): Promise<number>;
};
