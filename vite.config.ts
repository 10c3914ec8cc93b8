import { sveltekit } from '@sveltejs/kit/vite';
import { playwright } from '@vitest/browser-playwright';
import { defineConfig } from 'vitest/config';

export default defineConfig({
	plugins: [
		sveltekit(),
		(await import('./src/lib/server/realtime/vite-plugin.ts')).realtimeDevPlugin()
	],
	test: {
		projects: [
			{
				extends: true,
				test: {
					name: 'unit',
					include: ['tests/unit/**/*.test.ts'],
					environment: 'node'
				}
			},
			{
				extends: true,
				test: {
					name: 'integration',
					include: ['tests/integration/**/*.test.ts'],
					environment: 'node',
					testTimeout: 120_000,
					hookTimeout: 120_000,
					fileParallelism: false
				}
			},
			{
				// Components with logic, rendered in Debian's Chromium (vitest browser mode): `*.svelte.test.ts` beside the component.
				extends: true,
				// Pre-bundled at start: a dependency discovered mid-run would reload the page under a test.
				optimizeDeps: { include: ['leaflet', 'd3-scale-chromatic', 'vitest-browser-svelte'] },
				test: {
					name: 'component',
					include: ['src/**/*.svelte.test.ts'],
					browser: {
						enabled: true,
						headless: true,
						screenshotFailures: false,
						provider: playwright({
							launchOptions: {
								executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
								args: ['--no-sandbox', '--disable-gpu']
							}
						}),
						instances: [{ browser: 'chromium' }]
					}
				}
			}
		]
	}
});
