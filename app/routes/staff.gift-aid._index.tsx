import { parseWithZod } from '@conform-to/zod/v4'
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useActionData, useLoaderData, useSearchParams } from '@remix-run/react'
import { ActionNotice } from '#app/components/action-notice.tsx'
import { getCharity } from '#app/config/charity.server.ts'
import { getEnv } from '#app/config/env.server.ts'
import {
	countClaimableGifts,
	createClaimBatch,
	giftAidTotals,
	listAdjustmentsDue,
	listClaimableGifts,
	listClaims,
	MAX_GIFTS_PER_CLAIM,
} from '#app/gift-aid/claims.server.ts'
import { requireStaff } from '#app/people/session.server.ts'
import { AdjustmentsDue } from '#app/staff/gift-aid/adjustments-due.tsx'
import { ClaimBatches } from '#app/staff/gift-aid/claim-batches.tsx'
import { ClaimableGifts } from '#app/staff/gift-aid/claimable-gifts.tsx'
import { CreateClaimForm } from '#app/staff/gift-aid/create-claim-form.tsx'
import { createClaimSchema } from '#app/staff/gift-aid/schemas.ts'
import { GiftAidTotalsFigures } from '#app/staff/gift-aid/totals.tsx'
import { newFormToken, readFormToken, STALE_FORM_MESSAGE } from '#app/utils/form-token.server.ts'
import { readFormData } from '#app/utils/forms.server.ts'
import { ownEntry } from '#app/utils/lookup.ts'

export async function loader({ request }: LoaderFunctionArgs) {
	await requireStaff(request)
	const params = new URL(request.url).searchParams
	const cursor = (name: string) => params.get(name) ?? undefined
	const [totals, ready, claimable, adjustments, batches] = await Promise.all([
		giftAidTotals(),
		countClaimableGifts(),
		listClaimableGifts({ after: cursor('ready') }),
		listAdjustmentsDue({ after: cursor('adjustments') }),
		listClaims({ after: cursor('batches') }),
	])
	return {
		totals,
		ready,
		claimable,
		adjustments,
		batches,
		claimAfterDays: getEnv().GIFT_AID_CLAIM_AFTER_DAYS,
		maxGifts: MAX_GIFTS_PER_CLAIM,
		locale: getCharity().locale,
		// One token per rendered form: a double click or a resent form makes one batch.
		formToken: newFormToken(),
	}
}

export async function action({ request }: ActionFunctionArgs) {
	const staff = await requireStaff(request)
	const formData = await readFormData(request)
	const submission = parseWithZod(formData, { schema: createClaimSchema })
	if (submission.status !== 'success') return data({ error: 'Unknown action.' }, { status: 400 })
	const created = await createClaimBatch(staff, readFormToken(formData))
	if (created.status === 'stale') return data({ error: STALE_FORM_MESSAGE }, { status: 400 })
	if (created.status === 'refused') return redirect('/staff/gift-aid?done=nothing')
	return redirect(`/staff/gift-aid/${created.id}?done=${created.status === 'created' ? 'created' : 'repeated'}`)
}

export const meta: MetaFunction = () => [{ title: 'Gift Aid — Staff' }, { name: 'robots', content: 'noindex' }]

const doneMessages: Record<string, { text: string; tone: 'good' | 'warn' }> = {
	nothing: {
		text: 'Nothing new to claim: every eligible gift old enough is already in a batch. Gifts still inside the refund window will be ready later.',
		tone: 'warn',
	},
}

export default function StaffGiftAid() {
	const { totals, ready, claimable, adjustments, batches, claimAfterDays, maxGifts, locale, formToken } =
		useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const [searchParams] = useSearchParams()
	const done = ownEntry(doneMessages, searchParams.get('done'))
	/** The same page with one list moved to another keyset page (the others kept). */
	const pageLink = (list: string, after: string | null) => {
		const next = new URLSearchParams(searchParams)
		next.delete('done')
		if (after) next.set(list, after)
		else next.delete(list)
		const query = next.toString()
		return query ? `/staff/gift-aid?${query}` : '/staff/gift-aid'
	}
	return (
		<div className="space-y-10">
			<header>
				<h1 className="text-3xl font-bold">Gift Aid</h1>
				<p className="mt-2 max-w-3xl text-muted">
					Claim 25p from HMRC on every £1 of an eligible gift. Gifts are ready {claimAfterDays} days after they are made
					(the refund window) and can be claimed for 4 years. Create a batch, download its schedule for Charities
					Online, then mark it submitted and, when HMRC pays, paid.
				</p>
			</header>
			{done ? <ActionNotice tone={done.tone}>{done.text}</ActionNotice> : null}
			{actionData?.error ? <ActionNotice tone="bad">{actionData.error}</ActionNotice> : null}
			<GiftAidTotalsFigures totals={totals} locale={locale} />
			<CreateClaimForm ready={ready} maxGifts={maxGifts} locale={locale} token={formToken} />
			<ClaimBatches
				page={batches}
				locale={locale}
				pageLink={(after) => pageLink('batches', after)}
				onLaterPage={searchParams.has('batches')}
			/>
			<AdjustmentsDue
				page={adjustments}
				locale={locale}
				pageLink={(after) => pageLink('adjustments', after)}
				onLaterPage={searchParams.has('adjustments')}
			/>
			<ClaimableGifts
				page={claimable}
				locale={locale}
				pageLink={(after) => pageLink('ready', after)}
				onLaterPage={searchParams.has('ready')}
			/>
		</div>
	)
}
