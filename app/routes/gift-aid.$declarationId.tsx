import { getFormProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData, useSearchParams } from '@remix-run/react'
import { type z } from 'zod'
import { ActionNotice } from '#app/components/action-notice.tsx'
import { FormErrors } from '#app/components/form-fields.tsx'
import { getCharity } from '#app/config/charity.server.ts'
import { DeclarationDetailsFields } from '#app/gift-aid/declaration-details-fields.tsx'
import { declarationDetailsFields, declarationDetailsSchema } from '#app/gift-aid/declaration-fields.ts'
import {
	cancelDeclaration,
	declarationPath,
	getDeclarationByLink,
	updateDeclarationDetails,
} from '#app/gift-aid/declarations.server.ts'
import { KEEP_US_INFORMED, TAXPAYER_STATEMENT } from '#app/gift-aid/wording.ts'
import { readFormData } from '#app/utils/forms.server.ts'

/** The declaration the emailed link names, or a 404 that says why (a link we did not sign is never a 500). */
async function requireDeclaration(request: Request, declarationId: string) {
	const declaration = await getDeclarationByLink(declarationId, new URL(request.url).searchParams.get('t'))
	if (!declaration) {
		throw data(
			{ error: 'This Gift Aid link is not valid. Please use the link in your donation receipt.' },
			{ status: 404 },
		)
	}
	return declaration
}

export async function loader({ request, params }: LoaderFunctionArgs) {
	const declaration = await requireDeclaration(request, params.declarationId ?? '')
	return {
		declaration: {
			scope: declaration.scope,
			title: declaration.title ?? '',
			firstName: declaration.firstName,
			lastName: declaration.lastName,
			houseNameOrNumber: declaration.houseNameOrNumber,
			postcode: declaration.postcode ?? '',
			overseas: declaration.overseas,
			createdAt: declaration.createdAt.toISOString(),
			cancelledAt: declaration.cancelledAt?.toISOString() ?? null,
		},
		formAction: declarationPath(declaration.id),
		charityName: getCharity().name,
		locale: getCharity().locale,
	}
}

export async function action({ request, params }: ActionFunctionArgs) {
	const declaration = await requireDeclaration(request, params.declarationId ?? '')
	const formData = await readFormData(request)
	const path = declarationPath(declaration.id)
	if (formData.get('intent') === 'cancel') {
		await cancelDeclaration(declaration.id)
		return redirect(`${path}&done=cancelled`, 303)
	}
	const submission = parseWithZod(formData, { schema: declarationDetailsSchema })
	if (submission.status !== 'success') return data({ result: submission.reply() }, { status: 400 })
	await updateDeclarationDetails(declaration, submission.value)
	return redirect(`${path}&done=saved`, 303)
}

export const meta: MetaFunction = () => [{ title: 'Your Gift Aid declaration' }, { name: 'robots', content: 'noindex' }]

export default function GiftAidDeclarationPage() {
	const { declaration, formAction, charityName, locale } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const [searchParams] = useSearchParams()
	const done = searchParams.get('done')
	const [form, fields] = useForm<z.input<typeof declarationDetailsFields>>({
		id: 'gift-aid-declaration',
		lastResult: actionData?.result,
		defaultValue: declaration,
		shouldValidate: 'onSubmit',
	})
	const day = (iso: string) =>
		new Date(iso).toLocaleDateString(locale, { day: 'numeric', month: 'long', year: 'numeric' })
	return (
		<div className="bg-sand">
			<div className="mx-auto max-w-xl px-4 py-14">
				<h1 className="text-3xl font-bold">Your Gift Aid declaration</h1>
				<p className="mt-2">
					You made it on {day(declaration.createdAt)}, to {charityName}, covering{' '}
					{declaration.scope === 'all_gifts'
						? 'that gift, your future gifts and those of the 4 years before it.'
						: 'that one gift.'}
				</p>
				<p className="mt-2 text-sm text-muted">{TAXPAYER_STATEMENT}</p>
				{done === 'saved' ? <ActionNotice className="mt-4">Your details are updated. Thank you.</ActionNotice> : null}
				{declaration.cancelledAt ? (
					<ActionNotice className="mt-4">
						Cancelled on {day(declaration.cancelledAt)}. It covers no gift you make from then on; gifts you made before
						keep their Gift Aid, as HMRC allows.
					</ActionNotice>
				) : null}
				<Form
					method="post"
					action={formAction}
					{...getFormProps(form)}
					noValidate
					className="mt-6 space-y-4 rounded-xl bg-white p-6 shadow-sm"
				>
					<h2 className="text-xl font-bold">Your name and home address</h2>
					<p className="text-sm text-muted">{KEEP_US_INFORMED}</p>
					<FormErrors id={form.errorId} errors={form.errors} />
					<DeclarationDetailsFields fields={fields} />
					<button type="submit" className="btn-primary">
						Save my details
					</button>
				</Form>
				{declaration.cancelledAt ? null : (
					<Form method="post" action={formAction} className="mt-6 space-y-3 rounded-xl bg-white p-6 shadow-sm">
						<h2 className="text-xl font-bold">Cancel this declaration</h2>
						<p>
							If you no longer pay enough Income Tax or Capital Gains Tax, or no longer want {charityName} to claim Gift
							Aid, cancel it here. It will cover no gift you make from now on; gifts you have already made keep their
							Gift Aid.
						</p>
						<button type="submit" name="intent" value="cancel" className="btn-secondary">
							Cancel my declaration
						</button>
					</Form>
				)}
			</div>
		</div>
	)
}
