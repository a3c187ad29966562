import { getFormProps, getInputProps, useForm, type SubmissionResult } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { Form } from '@remix-run/react'
import { ActionNotice } from '#app/components/action-notice.tsx'
import { FieldErrors, SubmitButton } from '#app/components/form-fields.tsx'
import { profilePhotoSchema } from '#app/people/auth-schema.ts'
import { AccountSection } from './account-section.tsx'

type Props = {
	person: { email: string; firstName: string; photoUrl: string | null }
	lastResult?: SubmissionResult<string[]>
	/** Whether the page was reached by uploading or removing the photo. */
	saved: boolean
	pending: boolean
}

/** The photo shown on the person's fundraisers: upload, replace or remove it. */
export function ProfilePhotoSection({ person, lastResult, saved, pending }: Props) {
	const [form, fields] = useForm({
		id: 'profile-photo',
		lastResult,
		defaultValue: { intent: 'photo' },
		shouldValidate: 'onSubmit',
		onValidate: ({ formData }) => parseWithZod(formData, { schema: profilePhotoSchema }),
	})
	return (
		<AccountSection
			id="photo"
			heading={
				<>
					Profile photo <span className="text-base font-normal text-muted">(optional)</span>
				</>
			}
		>
			{saved ? <ActionNotice className="mt-4">Your photo is updated.</ActionNotice> : null}
			<div className="mt-5 flex flex-col gap-5 sm:flex-row sm:items-start">
				<ProfilePhoto person={person} />
				<div className="flex-1 space-y-3">
					<Form method="post" encType="multipart/form-data" {...getFormProps(form)} className="space-y-3">
						<input {...getInputProps(fields.intent, { type: 'hidden' })} key={fields.intent.key} />
						<label htmlFor={fields.photo.id} className="field-label">
							Choose a photo
						</label>
						<p id={`${fields.photo.id}-hint`} className="text-sm text-muted">
							A JPEG, PNG or WebP under 8 MB. We crop it to a square and remove location data.
						</p>
						<input
							{...getInputProps(fields.photo, { type: 'file', ariaDescribedBy: `${fields.photo.id}-hint` })}
							key={fields.photo.key}
							accept="image/jpeg,image/png,image/webp"
							className="block w-full text-sm file:mr-3 file:rounded-md file:border-0 file:bg-brand file:px-4 file:py-2 file:font-semibold file:text-white"
						/>
						<FieldErrors id={fields.photo.errorId} errors={fields.photo.errors} />
						<SubmitButton pending={pending}>Upload photo</SubmitButton>
					</Form>
					{person.photoUrl ? (
						<Form method="post">
							<button
								type="submit"
								name="intent"
								value="remove-photo"
								className="text-sm font-semibold text-brand underline"
							>
								Remove photo
							</button>
						</Form>
					) : null}
				</div>
			</div>
		</AccountSection>
	)
}

/** The photo, or the first letter of the person's name in its place. */
function ProfilePhoto({ person }: { person: Props['person'] }) {
	if (person.photoUrl)
		return (
			<img
				src={person.photoUrl}
				alt="You, as shown on your fundraisers"
				width={96}
				height={96}
				className="h-24 w-24 shrink-0 rounded-full object-cover"
			/>
		)
	return (
		<div
			aria-hidden="true"
			className="flex h-24 w-24 shrink-0 items-center justify-center rounded-full bg-brand-light font-serif text-3xl font-bold text-brand"
		>
			{(person.firstName || person.email).slice(0, 1).toUpperCase()}
		</div>
	)
}
