import { parseWithZod } from '@conform-to/zod/v4'
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useActionData, useLoaderData, useSearchParams } from '@remix-run/react'
import { ActionNotice } from '#app/components/action-notice.tsx'
import { getCharity } from '#app/config/charity.server.ts'
import { getClaim, listClaimItems, markClaimPaid, markClaimSubmitted } from '#app/gift-aid/claims.server.ts'
import { scheduleFilesOf } from '#app/gift-aid/schedule-files.server.ts'
import { requireStaff } from '#app/people/session.server.ts'
import { ClaimItems } from '#app/staff/gift-aid/claim-items.tsx'
import { ClaimSteps } from '#app/staff/gift-aid/claim-steps.tsx'
import { ClaimSummary } from '#app/staff/gift-aid/claim-summary.tsx'
import { claimChangeSchemas } from '#app/staff/gift-aid/schemas.ts'
import { formValue, readFormData } from '#app/utils/forms.server.ts'
import { ownEntry } from '#app/utils/lookup.ts'
import { parseMajorToMinor } from '#app/utils/money.ts'

async function requireClaim(claimId: string | undefined) {
	const claim = await getClaim(claimId ?? '')
	if (!claim) throw new Response('Not found', { status: 404 })
	return claim
}

export async function loader({ request, params }: LoaderFunctionArgs) {
	await requireStaff(request)
	const claim = await requireClaim(params.claimId)
	const after = new URL(request.url).searchParams.get('items') ?? undefined
	const [items, files] = await Promise.all([listClaimItems(claim.id, { after }), scheduleFilesOf(claim.id)])
	return { claim, items, files, onLaterPage: Boolean(after), locale: getCharity().locale }
}

export async function action({ request, params }: ActionFunctionArgs) {
	const staff = await requireStaff(request)
	const claim = await requireClaim(params.claimId)
	const formData = await readFormData(request)
	const intent = formValue(formData, 'intent') as keyof typeof claimChangeSchemas
	const schema = ownEntry(claimChangeSchemas, intent)
	if (!schema) return data({ intent: null, result: null }, { status: 400 })
	const submission = parseWithZod(formData, { schema })
	if (submission.status !== 'success') return data({ intent, result: submission.reply() }, { status: 400 })
	const value = submission.value
	let outcome
	if (value.intent === 'submit') outcome = await markClaimSubmitted(claim.id, staff, value.submissionReference)
	else {
		const paidMinor = parseMajorToMinor(value.amount, claim.currency)
		if (paidMinor === null)
			return data(
				{ intent, result: submission.reply({ fieldErrors: { amount: ['Enter the amount HMRC paid, like 1234.50'] } }) },
				{ status: 400 },
			)
		outcome = await markClaimPaid(claim.id, staff, paidMinor)
	}
	return redirect(`/staff/gift-aid/${claim.id}?done=${outcome.ok ? value.intent : outcome.problem}`)
}

export const meta: MetaFunction = () => [{ title: 'Gift Aid batch — Staff' }, { name: 'robots', content: 'noindex' }]

const doneMessages: Record<string, { text: string; tone: 'good' | 'warn' }> = {
	created: { text: 'Batch created. Download its schedule, then send it through Charities Online.', tone: 'good' },
	repeated: { text: 'This batch was already created by your first click: here it is.', tone: 'good' },
	submit: { text: 'Marked as submitted to HMRC. Its gifts are fixed now.', tone: 'good' },
	paid: { text: 'Marked as paid. The amount received counts in the totals.', tone: 'good' },
	'not-draft': { text: 'That batch was already submitted, so nothing changed.', tone: 'warn' },
	'not-submitted': { text: 'Only a submitted batch can be marked as paid, so nothing changed.', tone: 'warn' },
	'not-found': { text: 'We could not find that batch.', tone: 'warn' },
}

export default function StaffGiftAidClaim() {
	const { claim, items, files, onLaterPage, locale } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const [searchParams] = useSearchParams()
	const done = ownEntry(doneMessages, searchParams.get('done'))
	const itemsLink = (after: string | null) =>
		after ? `/staff/gift-aid/${claim.id}?items=${after}` : `/staff/gift-aid/${claim.id}`
	return (
		<div className="space-y-10">
			<header>
				<Link to="/staff/gift-aid" className="text-brand underline">
					← Gift Aid
				</Link>
				<h1 className="mt-3 text-3xl font-bold">Gift Aid batch</h1>
			</header>
			{done ? <ActionNotice tone={done.tone}>{done.text}</ActionNotice> : null}
			<ClaimSummary claim={claim} locale={locale} />
			<ClaimSteps claim={claim} files={files} locale={locale} actionData={actionData} />
			<ClaimItems page={items} locale={locale} onLaterPage={onLaterPage} pageLink={itemsLink} />
		</div>
	)
}
