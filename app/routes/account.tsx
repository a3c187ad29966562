import { ActionNotice } from '#app/components/action-notice.tsx'
import { getFormProps, getInputProps, useForm, type FieldMetadata } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData, useNavigation, useSearchParams } from '@remix-run/react'
import { type ReactNode } from 'react'
import { FieldErrors, FormErrors, SubmitButton, TextField } from '#app/components/form-fields.tsx'
import { loadYourGifts } from '#app/donations/donor-gifts.server.ts'
import { YourGifts } from '#app/donations/your-gifts.tsx'
import { processProfilePhoto } from '#app/media/images.server.ts'
import { deleteAccount, setProfilePhoto, updateProfile } from '#app/people/account.server.ts'
import { deleteAccountSchema, profilePhotoSchema, profileSchema } from '#app/people/auth-schema.ts'
import { destroySession, requireSessionPerson } from '#app/people/session.server.ts'
import { readFormData } from '#app/utils/forms.server.ts'
import { useRootData } from '#app/utils/root-data.ts'

export async function loader({ request }: LoaderFunctionArgs) {
	const person = await requireSessionPerson(request)
	return {
		person: {
			email: person.email,
			firstName: person.firstName,
			lastName: person.lastName,
			coachingEmails: person.coachingEmails,
			newsConsent: person.emailConsentAt !== null,
			photoUrl: person.photoUrl,
		},
		gifts: await loadYourGifts(request, person.id),
	}
}

export async function action({ request }: ActionFunctionArgs) {
	const person = await requireSessionPerson(request)
	const formData = await readFormData(request)
	if (formData.get('intent') === 'photo') {
		const submission = parseWithZod(formData, { schema: profilePhotoSchema })
		if (submission.status !== 'success')
			return data({ intent: 'photo' as const, result: submission.reply() }, { status: 400 })
		const processed = await processProfilePhoto(submission.value.photo)
		if (!processed.ok) {
			return data(
				{ intent: 'photo' as const, result: submission.reply({ fieldErrors: { photo: [processed.error] } }) },
				{ status: 400 },
			)
		}
		await setProfilePhoto(person.id, processed.image.url)
		return redirect('/account?saved=photo')
	}
	if (formData.get('intent') === 'remove-photo') {
		await setProfilePhoto(person.id, null)
		return redirect('/account?saved=photo')
	}
	if (formData.get('intent') === 'delete') {
		const submission = parseWithZod(formData, { schema: deleteAccountSchema })
		if (submission.status !== 'success') {
			return data({ intent: 'delete' as const, result: submission.reply() }, { status: 400 })
		}
		const deleted = await deleteAccount(person.id)
		if (!deleted.ok) {
			return data(
				{ intent: 'delete' as const, result: submission.reply({ formErrors: [deleted.message] }) },
				{ status: 409 },
			)
		}
		return redirect('/', { headers: { 'Set-Cookie': await destroySession(request) } })
	}
	const submission = parseWithZod(formData, { schema: profileSchema })
	if (submission.status !== 'success') {
		return data({ intent: 'profile' as const, result: submission.reply() }, { status: 400 })
	}
	const { firstName, lastName, coachingEmails, newsConsent } = submission.value
	await updateProfile(person.id, { firstName, lastName, coachingEmails, newsConsent })
	// A fresh page after saving, so reloading it does not post the form again.
	return redirect('/account?saved=1')
}

export const meta: MetaFunction = () => [{ title: 'Your account' }]

function Checkbox({ field, children }: { field: FieldMetadata<boolean | null | undefined>; children: ReactNode }) {
	return (
		<div>
			<div className="flex items-start gap-3">
				<input
					{...getInputProps(field, { type: 'checkbox' })}
					key={field.key}
					className="mt-1 h-5 w-5 shrink-0 accent-brand"
				/>
				<label htmlFor={field.id} className="text-[15px]">
					{children}
				</label>
			</div>
			<FieldErrors id={field.errorId} errors={field.errors} />
		</div>
	)
}

export default function Account() {
	const { person, gifts } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const navigation = useNavigation()
	const [searchParams] = useSearchParams()
	const charityName = useRootData()?.charity.name ?? 'the charity'
	const pendingIntent = navigation.state === 'submitting' ? navigation.formData?.get('intent') : null

	const [profileForm, profile] = useForm({
		id: 'profile',
		lastResult: actionData?.intent === 'profile' ? actionData.result : undefined,
		constraint: getZodConstraint(profileSchema),
		defaultValue: {
			intent: 'profile',
			firstName: person.firstName,
			lastName: person.lastName,
			coachingEmails: person.coachingEmails,
			newsConsent: person.newsConsent,
		},
		shouldValidate: 'onBlur',
		shouldRevalidate: 'onInput',
		onValidate: ({ formData }) => parseWithZod(formData, { schema: profileSchema }),
	})
	const [photoForm, photo] = useForm({
		id: 'profile-photo',
		lastResult: actionData?.intent === 'photo' ? actionData.result : undefined,
		defaultValue: { intent: 'photo' },
		shouldValidate: 'onSubmit',
		onValidate: ({ formData }) => parseWithZod(formData, { schema: profilePhotoSchema }),
	})
	const [deleteForm, deletion] = useForm({
		id: 'delete-account',
		lastResult: actionData?.intent === 'delete' ? actionData.result : undefined,
		constraint: getZodConstraint(deleteAccountSchema),
		defaultValue: { intent: 'delete' },
		shouldValidate: 'onSubmit',
		shouldRevalidate: 'onInput',
		onValidate: ({ formData }) => parseWithZod(formData, { schema: deleteAccountSchema }),
	})

	return (
		<div className="bg-sand">
			<div className="mx-auto max-w-3xl space-y-8 px-4 py-12">
				<div>
					{person.firstName ? (
						<p className="mb-2 text-sm font-semibold uppercase tracking-wider text-accent-dark">Your account</p>
					) : null}
					<h1 className="text-3xl font-bold sm:text-4xl">
						{person.firstName ? `Hello, ${person.firstName}` : 'Your account'}
					</h1>
					<p className="mt-3 text-lg text-muted">
						Signed in as <strong className="wrap-anywhere text-ink">{person.email}</strong>
					</p>
				</div>

				<section aria-labelledby="profile-heading" className="rounded-xl bg-white p-6 shadow-sm">
					<h2 id="profile-heading" className="text-xl font-bold">
						Your details
					</h2>
					{searchParams.get('saved') && !actionData ? (
						<ActionNotice className="mt-4">Your changes are saved.</ActionNotice>
					) : null}
					<Form method="post" {...getFormProps(profileForm)} className="mt-5 space-y-5">
						<FormErrors id={profileForm.errorId} errors={profileForm.errors} />
						<input {...getInputProps(profile.intent, { type: 'hidden' })} key={profile.intent.key} />
						<div className="grid gap-5 sm:grid-cols-2">
							<TextField field={profile.firstName} label="First name" autoComplete="given-name" />
							<TextField field={profile.lastName} label="Last name" autoComplete="family-name" />
						</div>
						<fieldset className="space-y-3">
							<legend className="field-label">Emails</legend>
							<Checkbox field={profile.coachingEmails}>Fundraising tips and reminders while I'm fundraising</Checkbox>
							<Checkbox field={profile.newsConsent}>
								News from {charityName} by email. You can unsubscribe at any time.
							</Checkbox>
						</fieldset>
						<SubmitButton pending={pendingIntent === 'profile'}>Save changes</SubmitButton>
					</Form>
				</section>

				<section aria-labelledby="photo-heading" className="rounded-xl bg-white p-6 shadow-sm">
					<h2 id="photo-heading" className="text-xl font-bold">
						Profile photo <span className="text-base font-normal text-muted">(optional)</span>
					</h2>
					{searchParams.get('saved') === 'photo' && !actionData ? (
						<ActionNotice className="mt-4">Your photo is updated.</ActionNotice>
					) : null}
					<div className="mt-5 flex flex-col gap-5 sm:flex-row sm:items-start">
						{person.photoUrl ? (
							<img
								src={person.photoUrl}
								alt="You, as shown on your fundraisers"
								width={96}
								height={96}
								className="h-24 w-24 shrink-0 rounded-full object-cover"
							/>
						) : (
							<div
								aria-hidden="true"
								className="flex h-24 w-24 shrink-0 items-center justify-center rounded-full bg-brand-light font-serif text-3xl font-bold text-brand"
							>
								{(person.firstName || person.email).slice(0, 1).toUpperCase()}
							</div>
						)}
						<div className="flex-1 space-y-3">
							<Form method="post" encType="multipart/form-data" {...getFormProps(photoForm)} className="space-y-3">
								<input {...getInputProps(photo.intent, { type: 'hidden' })} key={photo.intent.key} />
								<label htmlFor={photo.photo.id} className="field-label">
									Choose a photo
								</label>
								<p id={`${photo.photo.id}-hint`} className="text-sm text-muted">
									A JPEG, PNG or WebP under 8 MB. We crop it to a square and remove location data.
								</p>
								<input
									{...getInputProps(photo.photo, { type: 'file', ariaDescribedBy: `${photo.photo.id}-hint` })}
									key={photo.photo.key}
									accept="image/jpeg,image/png,image/webp"
									className="block w-full text-sm file:mr-3 file:rounded-md file:border-0 file:bg-brand file:px-4 file:py-2 file:font-semibold file:text-white"
								/>
								<FieldErrors id={photo.photo.errorId} errors={photo.photo.errors} />
								<SubmitButton pending={pendingIntent === 'photo'}>Upload photo</SubmitButton>
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
				</section>

				<YourGifts data={gifts} />

				<section aria-labelledby="sign-out-heading" className="rounded-xl bg-white p-6 shadow-sm">
					<h2 id="sign-out-heading" className="text-xl font-bold">
						Signing out
					</h2>
					<p className="mt-2 text-muted">
						Lost a phone, or signed in on a shared computer? Sign out everywhere ends every session, on every device,
						including this one.
					</p>
					<div className="mt-5 flex flex-col gap-3 sm:flex-row">
						<Form method="post" action="/logout">
							<button type="submit" className="btn-secondary w-full sm:w-auto">
								Sign out
							</button>
						</Form>
						<Form method="post" action="/logout">
							<input type="hidden" name="everywhere" value="1" />
							<button type="submit" className="btn-secondary w-full sm:w-auto">
								Sign out everywhere
							</button>
						</Form>
					</div>
				</section>

				<section aria-labelledby="delete-heading" className="rounded-xl bg-white p-6 shadow-sm ring-2 ring-red-200">
					<h2 id="delete-heading" className="text-xl font-bold">
						Delete my account
					</h2>
					<p className="mt-2 text-muted">
						We will remove your name, email address, photo and email choices, and sign you out everywhere. Gifts you
						made and fundraisers you ran stay in the charity's records, so every total stays right, but they are no
						longer linked to you. This cannot be undone.
					</p>
					<Form method="post" {...getFormProps(deleteForm)} className="mt-5 space-y-4">
						<FormErrors id={deleteForm.errorId} errors={deleteForm.errors} />
						<input {...getInputProps(deletion.intent, { type: 'hidden' })} key={deletion.intent.key} />
						<div>
							<label htmlFor={deletion.confirm.id} className="field-label">
								Type DELETE to confirm
							</label>
							<input
								{...getInputProps(deletion.confirm, { type: 'text' })}
								key={deletion.confirm.key}
								autoComplete="off"
								autoCapitalize="characters"
								spellCheck={false}
								className="field-input max-w-56"
							/>
							<FieldErrors id={deletion.confirm.errorId} errors={deletion.confirm.errors} />
						</div>
						<button
							type="submit"
							className="btn w-full border-2 border-red-800 bg-white text-red-800 hover:bg-red-50 sm:w-auto"
							aria-disabled={pendingIntent === 'delete' || undefined}
						>
							{pendingIntent === 'delete' ? 'Deleting…' : 'Delete my account'}
						</button>
					</Form>
				</section>
			</div>
		</div>
	)
}
