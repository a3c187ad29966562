import { parseWithZod } from '@conform-to/zod/v4'
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { chooseKindSchema } from '#app/campaigns/campaign-schema.ts'
import { campaignKinds, campaignKindValues } from '#app/campaigns/kinds.ts'
import { startDraftCampaign, startDraftFromForm } from '#app/campaigns/manage.server.ts'
import { FormTokenInput } from '#app/components/form-fields.tsx'
import { getSessionPerson } from '#app/people/session.server.ts'
import { newFormToken, readFormToken, STALE_FORM_MESSAGE } from '#app/utils/form-token.server.ts'
import { isCrossSiteRequest, readFormData } from '#app/utils/forms.server.ts'
import { type CampaignKind } from '#db/schema.ts'

export async function loader({ request }: LoaderFunctionArgs) {
	const person = await getSessionPerson(request)
	const kind = new URL(request.url).searchParams.get('kind')
	const chosen = campaignKindValues.includes(kind as CampaignKind) ? (kind as CampaignKind) : null
	// Back from signing in with an idea chosen: go straight on to step 2. The
	// draft is the person's untouched one of that kind if they have it, so
	// coming here again changes nothing; a link from another site only
	// highlights the idea.
	if (person && chosen && !isCrossSiteRequest(request)) {
		const draft = await startDraftCampaign(person, chosen)
		throw redirect(`/start/${draft.id}/details`)
	}
	return { signedIn: Boolean(person), chosen, formToken: newFormToken() }
}

export async function action({ request }: ActionFunctionArgs) {
	const formData = await readFormData(request)
	const submission = parseWithZod(formData, { schema: chooseKindSchema })
	if (submission.status !== 'success') return data({ error: 'Please choose one of the ideas.' }, { status: 400 })
	const person = await getSessionPerson(request)
	// Signing in comes first; the chosen idea comes back with the person and resumes at step 2.
	if (!person) throw redirect(`/login?redirectTo=${encodeURIComponent(`/start?kind=${submission.value.kind}`)}`)
	const draft = await startDraftFromForm(person, submission.value.kind, readFormToken(formData))
	if (draft.status === 'stale' || draft.status === 'refused')
		return data({ error: STALE_FORM_MESSAGE }, { status: 400 })
	return redirect(`/start/${draft.id}/details`)
}

export const meta: MetaFunction = () => [
	{ title: 'Start a fundraiser' },
	{
		name: 'description',
		content: 'Birthday, polar dip, run, wedding, in memory of someone or your own idea: pick how you will fundraise.',
	},
]

export default function StartFundraiser() {
	const { signedIn, chosen, formToken } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const navigation = useNavigation()
	return (
		<div className="bg-sand">
			<div className="mx-auto max-w-5xl px-4 py-12">
				<p className="text-sm font-semibold uppercase tracking-wider text-accent-dark">Step 1 of 3</p>
				<h1 className="mt-2 text-3xl font-bold sm:text-4xl">How would you like to fundraise?</h1>
				<p className="mt-3 max-w-2xl text-lg text-muted">
					Pick the idea closest to yours. We'll fill in a title, a goal and a story you can make your own — it takes
					about three minutes.
					{signedIn ? null : ' First we’ll email you a code to sign in; no password needed.'}
				</p>
				{actionData?.error ? (
					<p role="alert" className="mt-4 rounded-md border border-red-300 bg-red-50 p-3 text-red-900">
						{actionData.error}
					</p>
				) : null}
				<Form method="post" id="choose-kind" className="mt-8">
					<FormTokenInput token={formToken} />
					<ul className="grid gap-3 sm:grid-cols-2 sm:gap-5 lg:grid-cols-3">
						{campaignKinds.map((k) => (
							<li key={k.kind}>
								<button
									type="submit"
									name="kind"
									value={k.kind}
									disabled={navigation.state !== 'idle'}
									aria-describedby={`kind-${k.kind}-pitch`}
									className={`flex h-full w-full cursor-pointer flex-row overflow-hidden rounded-xl border-2 bg-white text-left shadow-sm hover:border-brand hover:shadow-md focus-visible:border-brand disabled:cursor-wait sm:flex-col ${chosen === k.kind ? 'border-accent' : 'border-transparent'}`}
								>
									<img
										src={k.cover}
										alt=""
										width={1200}
										height={630}
										className="h-auto w-28 shrink-0 self-stretch object-cover sm:aspect-[1200/630] sm:w-full sm:self-auto"
									/>
									<span className="self-center p-4 sm:self-auto sm:p-5">
										<span className="block font-bold text-ink sm:text-lg">{k.label}</span>
										<span id={`kind-${k.kind}-pitch`} className="mt-1 block text-[15px] text-muted sm:text-base">
											{k.pitch}
										</span>
									</span>
								</button>
							</li>
						))}
					</ul>
				</Form>
				<p className="mt-8 text-muted">
					Not ready yet?{' '}
					<Link to="/fundraise" className="font-semibold text-brand underline">
						Get our free guide, 25 Tips for the Novice Fundraiser
					</Link>
					.
				</p>
			</div>
		</div>
	)
}
