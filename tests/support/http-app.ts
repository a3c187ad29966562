import { type Server } from 'node:http'
import { type AddressInfo } from 'node:net'
import path from 'node:path'
import { type ServerBuild } from '@remix-run/node'
import { localUploadsDir } from '#app/media/storage.server.ts'
import { getDatabase } from '#db/index.server.ts'
import { createApp } from '../../server/app.ts'

/**
 * Serves the real production build (run `npm run build` first; `npm test`
 * does) through the real Express app, on a free port. Local uploads are
 * served from `uploadsDir` (default: DATA_DIR/uploads when the app starts).
 */
export async function startHttpApp(options: { uploadsDir?: string } = {}) {
	const buildPath = path.resolve('build/server/index.js')
	const build = (await import(/* @vite-ignore */ buildPath)) as ServerBuild
	const app = createApp({
		build,
		production: false,
		logRequests: false,
		clientBuildDir: path.resolve('build/client'),
		uploadsDir: options.uploadsDir ?? localUploadsDir(),
		checkHealth: async () => {
			await getDatabase().sql.executeSql('select 1')
		},
	})
	const server: Server = await new Promise((resolve) => {
		const s = app.listen(0, '127.0.0.1', () => resolve(s))
	})
	const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
	return {
		origin,
		/** A same-origin form post, as a browser sends it. */
		postForm(pathname: string, fields: Record<string, string>, headers: Record<string, string> = {}) {
			return fetch(origin + pathname, {
				method: 'POST',
				redirect: 'manual',
				headers: {
					'content-type': 'application/x-www-form-urlencoded',
					origin,
					'sec-fetch-site': 'same-origin',
					...headers,
				},
				body: new URLSearchParams(fields).toString(),
			})
		},
		close: () => new Promise<void>((resolve) => server.close(() => resolve())),
	}
}
