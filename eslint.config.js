// ESLint as the SvelteKit scaffold's add-on sets it (sveltejs/cli): JS and TypeScript recommended rules,
// eslint-plugin-svelte, and Prettier's config last so formatting is Prettier's alone.
import prettier from 'eslint-config-prettier';
import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

export default ts.config(
	{
		ignores: [
			'build/',
			'.svelte-kit/',
			'node_modules/',
			'data/',
			'test-results/',
			'playwright-report/',
			'.test-reports/',
			'bench/out/',
			'drizzle/'
		]
	},
	js.configs.recommended,
	...ts.configs.recommended,
	...svelte.configs.recommended,
	prettier,
	...svelte.configs.prettier,
	{
		languageOptions: { globals: { ...globals.browser, ...globals.node } },
		rules: {
			// TypeScript checks undefined names itself (typescript-eslint's advice).
			'no-undef': 'off',
			// `_name` marks a value deliberately left unused (destructuring a field away).
			'@typescript-eslint/no-unused-vars': [
				'error',
				{ argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }
			]
		}
	},
	{
		rules: {
			// The app is served at the root (no kit.paths.base) and builds its links with helpers that keep the
			// query string and ?lang: resolve() would add nothing but noise to ~50 links.
			'svelte/no-navigation-without-resolve': 'off',
			// Flags URL/Set/Map built and thrown away inside a function (hrefs, a new selection set): not state.
			'svelte/prefer-svelte-reactivity': 'off'
		}
	},
	// Tests read JSON answers whose shape they check field by field.
	{ files: ['tests/**/*.ts'], rules: { '@typescript-eslint/no-explicit-any': 'off' } },
	{
		files: ['**/*.svelte', '**/*.svelte.ts', '**/*.svelte.js'],
		languageOptions: {
			parserOptions: {
				projectService: true,
				extraFileExtensions: ['.svelte'],
				parser: ts.parser,
				svelteConfig
			}
		}
	}
);
