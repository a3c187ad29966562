import { campaignPath, campaignUrl } from '#app/campaigns/urls.ts'
import { getFormProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { organiserNameMissing, publishSchema } from '#app/campaigns/campaign-schema.ts'
import { loadCampaignForEditing } from '#app/campaigns/details-action.server.ts'
import { campaignKindLabel } from '#app/campaigns/kinds.ts'
import { publishFromReview } from '#app/campaigns/manage.server.ts'
import { FormErrors, TextField } from '#app/components/form-fields.tsx'
import { renderStory } from '#app/campaigns/story.server.ts'
import { WizardSteps } from '#app/campaigns/wizard-steps.tsx'
import { getCharity } from '#app/config/charity.server.ts'
import { getEnv } from '#app/config/env.server.ts'
import { readFormData } from '#app/utils/forms.server.ts'
import { formatMoney } from '#app/utils/money.ts'

export async function loader({ request, params }: LoaderFunctionArgs) {
	const { campaign, person } = await loadCampaignForEditing(request, params)
	const charity = getCharity()
	return {
		/** Pages name their organiser: someone whose account has no name yet gives it before publishing. */
		needsName: !person.firstName.trim(),
		campaign: {
			id: campaign.id,
			title: campaign.title,
			kindLabel: campaignKindLabel(campaign.kind),
			coverImage: campaign.coverImage,
			coverAlt: campaign.coverAlt ?? '',
			goal: formatMoney(campaign.goalMinor, campaign.currency, charity.locale, { wholeUnits: true }),
			endsOn: campaign.endsOn
				? new Date(`${campaign.endsOn}T12:00:00Z`).toLocaleDateString(charity.locale, {
						day: 'numeric',
						month: 'long',
						year: 'numeric',
					})
				: null,
			storyHtml: renderStory(campaign.story),
			url: campaignUrl(getEnv().APP_URL, campaign.slug),
			slug: campaign.slug,
			status: campaign.status,
		},
	}
}

export async function action({ request, params }: ActionFunctionArgs) {
	const { campaign } = await loadCampaignForEditing(request, params)
	const formData = await readFormData(request)
	const submission = parseWithZod(formData, { schema: publishSchema })
	if (submission.status !== 'success') return data({ result: submission.reply() }, { status: 400 })
	const published = await publishFromReview(campaign, submission.value)
	if (!published.ok) return data({ result: submission.reply({ fieldErrors: published.fieldErrors }) }, { status: 400 })
	return redirect(campaignPath(published.campaign.slug, undefined, { published: '1' }))
}

export const meta: MetaFunction = () => [{ title: 'Review and publish — start a fundraiser' }]

export default function ReviewStep() {
	const { campaign, needsName } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const navigation = useNavigation()
	const [form, fields] = useForm({
		id: 'publish',
		lastResult: actionData?.result,
		shouldValidate: 'onSubmit',
		// The server has the last word; in the browser the missing name is caught before sending.
		onValidate: ({ formData }) =>
			parseWithZod(formData, {
				schema: needsName
					? publishSchema.refine((value) => value.firstName !== '', {
							path: ['firstName'],
							message: organiserNameMissing,
						})
					: publishSchema,
			}),
	})
	return (
		<div className="bg-sand">
			<div className="mx-auto max-w-3xl px-4 py-10">
				<WizardSteps current={3} />
				<h1 className="mt-6 text-3xl font-bold">Review and publish</h1>
				<p className="mt-2 text-muted">
					This is how your page will look. You can change anything later from your dashboard.
				</p>
				<article className="mt-6 overflow-hidden rounded-xl bg-white shadow-sm">
					{campaign.coverImage ? (
						<img
							src={campaign.coverImage}
							alt={campaign.coverAlt}
							width={1200}
							height={630}
							className="aspect-[1200/630] w-full object-cover"
						/>
					) : null}
					<div className="space-y-3 p-6">
						<p className="text-xs font-semibold uppercase tracking-wider text-accent-dark">{campaign.kindLabel}</p>
						<h2 className="text-2xl font-bold">{campaign.title}</h2>
						<dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-[15px]">
							<dt className="font-semibold">Goal</dt>
							<dd>{campaign.goal}</dd>
							{campaign.endsOn ? (
								<>
									<dt className="font-semibold">Date</dt>
									<dd>{campaign.endsOn}</dd>
								</>
							) : null}
							<dt className="font-semibold">Link</dt>
							<dd className="wrap-anywhere">{campaign.url}</dd>
						</dl>
						<div
							className="prose-story border-t border-stone-200 pt-4"
							dangerouslySetInnerHTML={{ __html: campaign.storyHtml }}
						/>
					</div>
				</article>
				{campaign.status === 'draft' ? (
					<Form method="post" {...getFormProps(form)} className="mt-6 space-y-4">
						<FormErrors id={form.errorId} errors={form.errors} />
						{needsName ? (
							<fieldset className="space-y-4 rounded-xl bg-white p-6 shadow-sm">
								<legend className="sr-only">Who is organising this page</legend>
								<p>
									Your page says who is organising it, so people know it is really you. We save your name to your
									account; you can change it there.
								</p>
								<div className="grid gap-4 sm:grid-cols-2">
									<TextField field={fields.firstName} label="Your first name" autoComplete="given-name" />
									<TextField field={fields.lastName} label="Your last name" autoComplete="family-name" optional />
								</div>
							</fieldset>
						) : null}
						<div className="flex flex-col gap-3 sm:flex-row">
							<button
								type="submit"
								name="intent"
								value="publish"
								className="btn-primary w-full sm:w-auto"
								disabled={navigation.state !== 'idle'}
							>
								{navigation.state === 'submitting' ? 'Publishing…' : 'Publish my page'}
							</button>
							<Link to={`/start/${campaign.id}/details`} className="btn-secondary">
								Edit details
							</Link>
						</div>
					</Form>
				) : (
					<div className="mt-6 flex flex-col gap-3 sm:flex-row">
						<Link to={campaignPath(campaign.slug)} className="btn-primary">
							View my page
						</Link>
						<Link to={`/start/${campaign.id}/details`} className="btn-secondary">
							Edit details
						</Link>
					</div>
				)}
			</div>
		</div>
	)
}
