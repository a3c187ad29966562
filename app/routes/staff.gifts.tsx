import { ActionNotice } from '#app/components/action-notice.tsx'
import { type SubmissionResult } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useActionData, useLoaderData, useSearchParams } from '@remix-run/react'
import { getCharity } from '#app/config/charity.server.ts'
import { requireStaff } from '#app/people/session.server.ts'
import { RecentDecisions } from '#app/staff/gifts/decisions.tsx'
import { PendingGifts } from '#app/staff/gifts/pending-gift.tsx'
import { giftDecisionSchemas } from '#app/staff/gifts/schemas.ts'
import {
	confirmOfflineGift,
	listPendingOfflineGifts,
	listRecentOfflineDecisions,
	rejectOfflineGift,
} from '#app/staff/offline-gifts.server.ts'
import { formValue, readFormData } from '#app/utils/forms.server.ts'
import { ownEntry } from '#app/utils/lookup.ts'

export async function loader({ request }: LoaderFunctionArgs) {
	await requireStaff(request)
	const [pending, decisions] = await Promise.all([listPendingOfflineGifts(), listRecentOfflineDecisions(20)])
	return { pending, decisions, locale: getCharity().locale }
}

export async function action({ request }: ActionFunctionArgs) {
	const staff = await requireStaff(request)
	const formData = await readFormData(request)
	const intent = formValue(formData, 'intent') as keyof typeof giftDecisionSchemas
	const schema = ownEntry(giftDecisionSchemas, intent)
	if (!schema) return data({ intent: null, result: null }, { status: 400 })
	const submission = parseWithZod(formData, { schema })
	if (submission.status !== 'success') return data({ intent, result: submission.reply() }, { status: 400 })
	const value = submission.value
	const outcome =
		value.intent === 'confirm'
			? await confirmOfflineGift(value.donationId, staff, value.giftAid)
			: await rejectOfflineGift(value.donationId, staff, value.reason)
	// Someone else may have decided the gift first: say so rather than fail.
	return redirect(
		`/staff/gifts?done=${outcome.ok ? (value.intent === 'confirm' ? 'confirmed' : 'rejected') : outcome.problem}`,
	)
}

export const meta: MetaFunction = () => [{ title: 'Offline gifts — Staff' }, { name: 'robots', content: 'noindex' }]

const doneMessages: Record<string, { text: string; tone: 'good' | 'warn' }> = {
	confirmed: { text: 'Gift confirmed. It now counts in the fundraiser’s total.', tone: 'good' },
	rejected: { text: 'Gift rejected. It does not count in any total.', tone: 'good' },
	'already-confirmed': { text: 'That gift had already been confirmed, so nothing changed.', tone: 'warn' },
	'already-rejected': { text: 'That gift had already been rejected, so nothing changed.', tone: 'warn' },
	'not-pending': { text: 'That gift is no longer waiting for confirmation, so nothing changed.', tone: 'warn' },
	'not-found': { text: 'We could not find that offline gift.', tone: 'warn' },
}

type ActionResult = { intent: string | null; result: SubmissionResult<string[]> | null }

export default function StaffGifts() {
	const { pending, decisions, locale } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>() as ActionResult | undefined
	const [searchParams] = useSearchParams()
	const done = ownEntry(doneMessages, searchParams.get('done'))
	const rejectResult = actionData?.intent === 'reject' ? (actionData.result ?? undefined) : undefined
	return (
		<div className="space-y-10">
			<header>
				<h1 className="text-3xl font-bold">Offline gifts</h1>
				<p className="mt-2 max-w-3xl text-muted">
					Cash and cheques fundraisers say they collected. Check the money has reached the charity (the bank statement,
					the cheque), then confirm the gift so it counts in their total — or reject it, with a reason, if it cannot be
					confirmed.
				</p>
			</header>
			{done ? <ActionNotice tone={done.tone}>{done.text}</ActionNotice> : null}
			<PendingGifts gifts={pending} locale={locale} rejectResult={rejectResult} />
			<RecentDecisions decisions={decisions} locale={locale} />
		</div>
	)
}
