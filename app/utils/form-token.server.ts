import { randomBytes } from 'node:crypto'
import { eq } from 'drizzle-orm'
import { type Tx } from '#db/client.server.ts'
import { db } from '#db/index.server.ts'
import { formSubmissions } from '#db/schema.ts'
import { FORM_TOKEN_FIELD } from './forms.ts'

/** What a post of an out-of-date or foreign form is told. */
export const STALE_FORM_MESSAGE = 'This form is out of date. Please try again.'

/** A fresh token for one rendered form; nothing is stored until a post uses it. */
export function newFormToken(): string {
	return randomBytes(18).toString('base64url')
}

/** The token a post carries, or null when it is missing or not one of ours. */
export function readFormToken(formData: FormData): string | null {
	const token = formData.get(FORM_TOKEN_FIELD)
	return typeof token === 'string' && /^[A-Za-z0-9_-]{16,64}$/.test(token) ? token : null
}

export type FormClaim = {
	token: string | null
	/** What the form creates ("campaign-update", "offline-gift"…): a token is good for one kind of form. */
	action: string
	/** The signed-in sender, so nobody else can replay their token. */
	personId: string | null
}

export type CreateOnceResult<Refusal> =
	{ status: 'created' | 'repeated'; id: string } | { status: 'refused'; refusal: Refusal } | { status: 'stale' }

class Refused<Refusal> extends Error {
	constructor(readonly refusal: Refusal) {
		super('refused')
	}
}

/**
 * Runs `create` at most once per form token, in one transaction with the
 * token's claim. A repeat of the same post (a double click, a resent form)
 * waits for the first to commit and gets its id back as `repeated`, so it can
 * answer like the first success. When `create` refuses (a rule of the
 * domain), nothing is kept, the claim included, so the form can be corrected
 * and sent again.
 */
export async function createOnce<Refusal = never>(
	claim: FormClaim,
	create: (tx: Tx) => Promise<{ id: string } | { refused: Refusal }>,
): Promise<CreateOnceResult<Refusal>> {
	const token = claim.token
	if (!token) return { status: 'stale' }
	try {
		return await db().transaction(async (tx): Promise<CreateOnceResult<Refusal>> => {
			// A concurrent post of the same token waits here until the first commits or rolls back.
			const [claimed] = await tx
				.insert(formSubmissions)
				.values({ token, action: claim.action, personId: claim.personId })
				.onConflictDoNothing()
				.returning({ token: formSubmissions.token })
			if (!claimed) {
				const [first] = await tx.select().from(formSubmissions).where(eq(formSubmissions.token, token))
				if (!first?.resultId || first.action !== claim.action || first.personId !== claim.personId)
					return { status: 'stale' }
				return { status: 'repeated', id: first.resultId }
			}
			const made = await create(tx)
			if ('refused' in made) throw new Refused(made.refused)
			await tx.update(formSubmissions).set({ resultId: made.id }).where(eq(formSubmissions.token, token))
			return { status: 'created', id: made.id }
		})
	} catch (error) {
		if (error instanceof Refused) return { status: 'refused', refusal: error.refusal as Refusal }
		throw error
	}
}
