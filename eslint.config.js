// The agreed lint rules; README "Working on it" says why each set is here. Layout is Prettier's job, so no stylistic rules.
import js from '@eslint/js'
import { defineConfig } from 'eslint/config'
import { createNodeResolver, importX } from 'eslint-plugin-import-x'
import jsxA11y from 'eslint-plugin-jsx-a11y'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'
import tseslint from 'typescript-eslint'

export default defineConfig(
	{
		ignores: [
			'build/',
			'bench/anchor/build/',
			'.data/',
			'.cache/',
			'coverage/',
			'test-results/',
			'public/',
			'db/migrations/',
		],
	},
	js.configs.recommended,
	tseslint.configs.recommendedTypeChecked,
	{
		languageOptions: {
			parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
			globals: { ...globals.node, ...globals.browser },
		},
		rules: {
			// Remix answers a loader or action early by throwing a response (`throw redirect(…)`, `throw data(…, { status: 404 })`).
			'@typescript-eslint/only-throw-error': [
				'error',
				{
					allow: [
						{ from: 'lib', name: 'Response' },
						{ from: 'package', package: '@remix-run/server-runtime', name: 'TypedResponse' },
						{ from: 'package', package: '@remix-run/router', name: 'DataWithResponseInit' },
					],
				},
			],
			// A leading underscore marks a value left out on purpose (`const { ownerId: _ownerId, ...rest } = row`).
			'@typescript-eslint/no-unused-vars': [
				'error',
				{ argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', ignoreRestSiblings: true },
			],
		},
	},
	// React code lives in app/; elsewhere a `use…` function (useDatabase, useBrowser) is not a hook.
	{
		files: ['app/**/*.{ts,tsx}'],
		extends: [reactHooks.configs.flat.recommended, jsxA11y.flatConfigs.recommended],
		rules: {
			// A scrolling table region must take keyboard focus so it can be scrolled without a mouse (axe: scrollable-region-focusable).
			'jsx-a11y/no-noninteractive-tabindex': ['error', { tags: [], roles: ['tabpanel', 'region'] }],
		},
	},
	{
		plugins: { 'import-x': importX },
		settings: { 'import-x/resolver-next': [createNodeResolver()] },
		rules: { 'import-x/no-cycle': ['error', { ignoreExternal: true }] },
	},
	// Plain JavaScript (this file, scripts/*.mjs) is outside tsconfig.json, so it gets the rules without type information.
	{ files: ['**/*.js', '**/*.mjs'], extends: [tseslint.configs.disableTypeChecked] },
)
