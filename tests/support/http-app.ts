import { type Server } from 'node:http'
import { type AddressInfo } from 'node:net'
import path from 'node:path'
import { type ServerBuild } from '@remix-run/node'
import { getEnv, type TrustProxy } from '#app/config/env.server.ts'
import { localUploadsDir } from '#app/media/storage.server.ts'
import { newFormToken } from '#app/utils/form-token.server.ts'
import { desc, eq } from 'drizzle-orm'
import { db, getDatabase } from '#db/index.server.ts'
import { emails } from '#db/schema.ts'
import { type EmailTemplateData } from '#emails/index.ts'
import { createApp } from '../../server/app.ts'

/**
 * A form's fields with a one-time token, as a freshly rendered page carries
 * one (the server keeps nothing of a token until a post uses it): each call
 * is a new page, so each post counts.
 */
export function withFormToken(fields: Record<string, string>): Record<string, string> {
	return { ...fields, formToken: newFormToken() }
}

/**
 * Serves the real production build (run `npm run build` first; `npm test`
 * does) through the real Express app, on a free port. Local uploads are
 * served from `uploadsDir` (default: DATA_DIR/uploads when the app starts);
 * `trustProxy` defaults to TRUST_PROXY, as the server entry does.
 */
export async function startHttpApp(options: { uploadsDir?: string; trustProxy?: TrustProxy } = {}) {
	const buildPath = path.resolve('build/server/index.js')
	const build = (await import(/* @vite-ignore */ buildPath)) as ServerBuild
	const app = createApp({
		build,
		production: false,
		trustProxy: options.trustProxy ?? getEnv().TRUST_PROXY,
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
		/** A GET as a browser sends it, optionally with a `__session=…` cookie; redirects are not followed. */
		get(pathname: string, cookie?: string) {
			return fetch(origin + pathname, { redirect: 'manual', headers: cookie ? { cookie } : {} })
		},
		/**
		 * Signs in as a browser would (email, then the code the email carries) and
		 * returns the `__session=…` cookie pair.
		 */
		async signIn(email: string) {
			const asked = await this.postForm('/login', { email, redirectTo: '/account' })
			if (asked.status !== 302) throw new Error(`asking to sign in answered ${asked.status}`)
			const [row] = await db()
				.select()
				.from(emails)
				.where(eq(emails.template, 'sign-in-code'))
				.orderBy(desc(emails.createdAt))
				.limit(1)
			const { code } = row!.data as EmailTemplateData['sign-in-code']
			const verified = await this.postForm(asked.headers.get('location')!, { email, code })
			if (verified.status !== 302) throw new Error(`entering the code answered ${verified.status}`)
			return verified.headers
				.getSetCookie()
				.find((c) => c.startsWith('__session='))!
				.split(';')[0]!
		},
		close: () => new Promise<void>((resolve) => server.close(() => resolve())),
	}
}
