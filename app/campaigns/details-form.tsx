import { getFormProps, getInputProps, getTextareaProps, useForm, type SubmissionResult } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import { Form, useNavigation } from '@remix-run/react'
import { useState } from 'react'
import { FieldErrors, FormErrors, SubmitButton, TextField } from '#app/components/form-fields.tsx'
import { campaignDetailsSchema, STORY_MAX } from './campaign-schema.ts'

export type DetailsDefaults = {
	title: string
	goal: string
	endsOn: string
	story: string
	slug: string
	coverAlt: string
	coverImage: string | null
	dateLabel: string
	/** Pages in memory of someone ask who is remembered. */
	asksRemembered: boolean
	rememberedName: string
	/** Donors' quick-choice amounts as the person typed them ("10, 25, 50"), or the kind's suggestion. */
	presetAmounts: string
	presetSuggestion: string
	currencySymbol: string
	appHost: string
}

export function CampaignDetailsForm({
	defaults,
	lastResult,
	submitLabel,
}: {
	defaults: DetailsDefaults
	lastResult?: SubmissionResult<string[]>
	submitLabel: string
}) {
	const navigation = useNavigation()
	const [form, fields] = useForm({
		id: 'campaign-details',
		lastResult,
		constraint: getZodConstraint(campaignDetailsSchema),
		defaultValue: {
			title: defaults.title,
			goal: defaults.goal,
			endsOn: defaults.endsOn,
			story: defaults.story,
			slug: defaults.slug,
			coverAlt: defaults.coverAlt,
			presetAmounts: defaults.presetAmounts,
			rememberedName: defaults.rememberedName,
		},
		shouldValidate: 'onBlur',
		shouldRevalidate: 'onInput',
		onValidate: ({ formData }) => parseWithZod(formData, { schema: campaignDetailsSchema }),
	})
	// Read the clock once, not on every render.
	const [tomorrow] = useState(() => new Date(Date.now() + 86_400_000).toISOString().slice(0, 10))
	return (
		<Form
			method="post"
			encType="multipart/form-data"
			{...getFormProps(form)}
			className="space-y-6 rounded-xl bg-white p-6 shadow-sm"
		>
			<FormErrors id={form.errorId} errors={form.errors} />
			{defaults.asksRemembered ? (
				<TextField
					field={fields.rememberedName}
					label="Who are you remembering?"
					hint="Their name as you would like it on the page, like “Margaret Hughes” or “Grandad Joe”. We put it in your title and link."
				/>
			) : null}
			<TextField
				field={fields.title}
				label="Title"
				hint="Short and personal works best, like “Amara’s 30th: freedom instead of presents”."
			/>
			<div className="grid gap-6 sm:grid-cols-2">
				<div>
					<label htmlFor={fields.goal.id} className="field-label">
						Goal
					</label>
					<p id={`${fields.goal.id}-hint`} className="mb-1 text-sm text-muted sm:min-h-10">
						Fundraisers with a goal raise more. You can raise it later.
					</p>
					<div className="flex items-stretch">
						<span
							aria-hidden="true"
							className="flex items-center rounded-l-md border border-r-0 border-stone-500 bg-sand px-3"
						>
							{defaults.currencySymbol}
						</span>
						<input
							{...getInputProps(fields.goal, { type: 'text', ariaDescribedBy: `${fields.goal.id}-hint` })}
							key={fields.goal.key}
							inputMode="decimal"
							className="field-input min-w-0 rounded-l-none"
						/>
					</div>
					<FieldErrors id={fields.goal.errorId} errors={fields.goal.errors} />
				</div>
				<div>
					<label htmlFor={fields.endsOn.id} className="field-label">
						{defaults.dateLabel} <span className="font-normal text-muted">(optional)</span>
					</label>
					<p className="mb-1 text-sm text-muted sm:min-h-10">Your page counts down to this day.</p>
					<input
						{...getInputProps(fields.endsOn, { type: 'date' })}
						key={fields.endsOn.key}
						min={tomorrow}
						className="field-input"
					/>
					<FieldErrors id={fields.endsOn.errorId} errors={fields.endsOn.errors} />
				</div>
			</div>
			<div>
				<label htmlFor={fields.story.id} className="field-label">
					Your story
				</label>
				<p id={`${fields.story.id}-hint`} className="mb-1 text-sm text-muted">
					Why does this matter to you? Use **bold**, *italic*, [links](https://example.org) and lists starting with “-
					”. Up to {STORY_MAX.toLocaleString('en-GB')} characters.
				</p>
				<textarea
					{...getTextareaProps(fields.story, { ariaDescribedBy: `${fields.story.id}-hint` })}
					key={fields.story.key}
					rows={10}
					className="field-input"
				/>
				<FieldErrors id={fields.story.errorId} errors={fields.story.errors} />
			</div>
			<div className="grid gap-6 sm:grid-cols-[auto_1fr]">
				{defaults.coverImage ? (
					<img
						src={defaults.coverImage}
						alt="Current cover"
						width={240}
						height={126}
						className="h-[126px] w-[240px] rounded-md object-cover"
					/>
				) : null}
				<div className="space-y-4">
					<div>
						<label htmlFor={fields.cover.id} className="field-label">
							Cover photo <span className="font-normal text-muted">(optional)</span>
						</label>
						<p id={`${fields.cover.id}-hint`} className="mb-1 text-sm text-muted">
							A JPEG, PNG or WebP photo under 8 MB. We crop it to a wide banner and remove location data.
						</p>
						<input
							{...getInputProps(fields.cover, { type: 'file', ariaDescribedBy: `${fields.cover.id}-hint` })}
							key={fields.cover.key}
							accept="image/jpeg,image/png,image/webp"
							className="block w-full text-sm file:mr-3 file:rounded-md file:border-0 file:bg-brand file:px-4 file:py-2 file:font-semibold file:text-white"
						/>
						<FieldErrors id={fields.cover.errorId} errors={fields.cover.errors} />
					</div>
					<TextField
						field={fields.coverAlt}
						label="Describe the photo"
						hint="For people using screen readers, e.g. “Amara laughing at her 29th birthday party”."
						optional
					/>
				</div>
			</div>
			<TextField
				field={fields.presetAmounts}
				label={`Suggested amounts for donors (${defaults.currencySymbol})`}
				hint={`Two to six amounts, separated by commas. Leave empty to use ours: ${defaults.presetSuggestion}.`}
				optional
			/>
			<div>
				<label htmlFor={fields.slug.id} className="field-label">
					Short link
				</label>
				<p id={`${fields.slug.id}-hint`} className="mb-1 text-sm text-muted">
					Lowercase letters, numbers and hyphens. This is the address you will share.
				</p>
				{/* On phones the address sits above the box, so the part people type keeps its width. */}
				<div className="flex flex-col sm:flex-row sm:items-stretch">
					<span
						aria-hidden="true"
						className="rounded-t-md border border-b-0 border-stone-500 bg-sand px-3 py-1.5 text-sm text-muted wrap-anywhere sm:flex sm:shrink-0 sm:items-center sm:rounded-l-md sm:rounded-tr-none sm:border-r-0 sm:border-b sm:py-2.5"
					>
						{defaults.appHost}/f/
					</span>
					<input
						{...getInputProps(fields.slug, { type: 'text', ariaDescribedBy: `${fields.slug.id}-hint` })}
						key={fields.slug.key}
						autoCapitalize="none"
						spellCheck={false}
						className="field-input min-w-0 rounded-t-none sm:rounded-l-none sm:rounded-tr-md"
					/>
				</div>
				<FieldErrors id={fields.slug.errorId} errors={fields.slug.errors} />
			</div>
			<SubmitButton pending={navigation.state === 'submitting'}>{submitLabel}</SubmitButton>
		</Form>
	)
}
