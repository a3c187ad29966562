import { isUuid } from '#app/utils/ids.ts'
import { data } from '@remix-run/node'
import { desc, eq } from 'drizzle-orm'
import { isProduction } from '#app/config/env.server.ts'
import { db } from '#db/index.server.ts'
import { devMailbox } from '#db/schema.ts'

/** The development mail viewer does not exist in production. */
export function requireDevMailbox() {
	if (isProduction()) throw data({ message: 'Not found' }, { status: 404 })
}

export async function listDevMail(limit = 100) {
	return db()
		.select({
			id: devMailbox.id,
			toEmail: devMailbox.toEmail,
			subject: devMailbox.subject,
			createdAt: devMailbox.createdAt,
		})
		.from(devMailbox)
		.orderBy(desc(devMailbox.createdAt))
		.limit(limit)
}

export async function getDevMail(id: string) {
	if (!isUuid(id)) return null
	const [row] = await db().select().from(devMailbox).where(eq(devMailbox.id, id))
	return row ?? null
}
