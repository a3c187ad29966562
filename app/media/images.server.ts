import { randomUUID } from 'node:crypto'
import sharp, { type SharpOptions } from 'sharp'
import { putPublicFile } from './storage.server.ts'

/**
 * Photos people upload: cover images and profile photos. An upload is
 * checked to be a real JPEG, PNG or WebP (its bytes, not its name), decoded,
 * turned the right way up and re-encoded as WebP at the sizes the site shows.
 * Re-encoding drops EXIF, so a phone photo's GPS position never reaches the
 * public; files get random names, never the uploader's.
 */

export type StoredImage = { url: string; smallUrl: string; width: number; height: number }
export type ImageUploadResult = { ok: true; image: StoredImage } | { ok: false; error: string }

export const MAX_UPLOAD_BYTES = 8 * 1024 * 1024
/** Larger photos are refused before decoding, so one upload cannot exhaust memory. */
const MAX_SIDE = 12_000

type AcceptedFormat = 'jpeg' | 'png' | 'webp'
type DetectedFormat = AcceptedFormat | 'gif' | 'heic' | 'avif' | 'bmp' | 'tiff' | 'pdf'

const formatLabels: Record<DetectedFormat, string> = {
	jpeg: 'JPEG',
	png: 'PNG',
	webp: 'WebP',
	gif: 'GIF',
	heic: 'HEIC',
	avif: 'AVIF',
	bmp: 'BMP',
	tiff: 'TIFF',
	pdf: 'PDF',
}

const isAccepted = (format: DetectedFormat): format is AcceptedFormat =>
	format === 'jpeg' || format === 'png' || format === 'webp'

const mimeFormats: Record<string, DetectedFormat> = {
	'image/jpeg': 'jpeg',
	'image/jpg': 'jpeg',
	'image/pjpeg': 'jpeg',
	'image/png': 'png',
	'image/webp': 'webp',
	'image/gif': 'gif',
	'image/heic': 'heic',
	'image/heif': 'heic',
	'image/avif': 'avif',
	'image/bmp': 'bmp',
	'image/tiff': 'tiff',
	'application/pdf': 'pdf',
}

const extensionFormats: Record<string, DetectedFormat> = {
	jpg: 'jpeg',
	jpeg: 'jpeg',
	jpe: 'jpeg',
	jfif: 'jpeg',
	png: 'png',
	webp: 'webp',
	gif: 'gif',
	heic: 'heic',
	heif: 'heic',
	avif: 'avif',
	bmp: 'bmp',
	tif: 'tiff',
	tiff: 'tiff',
	pdf: 'pdf',
}

/** The format the file's first bytes say it is, whatever its name and declared type. */
function detectFormat(bytes: Buffer): DetectedFormat | null {
	const ascii = (start: number, end: number) => bytes.toString('latin1', start, end)
	if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg'
	if (bytes.length >= 8 && bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])))
		return 'png'
	if (bytes.length >= 12 && ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return 'webp'
	if (ascii(0, 4) === 'GIF8') return 'gif'
	if (ascii(4, 8) === 'ftyp') {
		const brand = ascii(8, 12)
		if (brand === 'avif' || brand === 'avis') return 'avif'
		if (['heic', 'heix', 'hevc', 'heim', 'heis', 'mif1', 'msf1'].includes(brand)) return 'heic'
	}
	if (ascii(0, 2) === 'BM') return 'bmp'
	if (ascii(0, 4) === 'II*\u0000' || ascii(0, 4) === 'MM\u0000*') return 'tiff'
	if (ascii(0, 5) === '%PDF-') return 'pdf'
	return null
}

/** A claim about a file that does not name an image format (text/plain …). */
type Claim = DetectedFormat | 'not an image'

/** What the browser (declared type) and the file name say the file is; unknown or generic claims are skipped. */
function claimedFormats(file: File): Claim[] {
	const claims: Claim[] = []
	const type = file.type.toLowerCase().split(';')[0]!.trim()
	const fromType = mimeFormats[type]
	if (fromType) claims.push(fromType)
	else if (type && type !== 'application/octet-stream' && !type.startsWith('image/')) claims.push('not an image')
	const extension = /\.([a-z0-9]+)$/i.exec(file.name)?.[1]?.toLowerCase()
	const fromName = extension ? extensionFormats[extension] : undefined
	if (fromName) claims.push(fromName)
	return claims
}

const megabytes = (bytes: number) => (Math.ceil((bytes / (1024 * 1024)) * 10) / 10).toFixed(1)

type Purpose = {
	/** Folder in storage. */
	folder: string
	width: number
	height: number
	smallWidth: number
	smallHeight: number
	/** Smallest photo (as displayed) that still looks sharp enough. */
	minWidth: number
	minHeight: number
}

const cover: Purpose = {
	folder: 'covers',
	width: 1200,
	height: 630,
	smallWidth: 600,
	smallHeight: 315,
	minWidth: 200,
	minHeight: 100,
}
const profile: Purpose = {
	folder: 'people',
	width: 400,
	height: 400,
	smallWidth: 120,
	smallHeight: 120,
	minWidth: 100,
	minHeight: 100,
}

const decodeOptions: SharpOptions = {
	limitInputPixels: MAX_SIDE * MAX_SIDE,
	// A photo cut short in transfer is refused rather than shown half grey;
	// harmless encoder warnings (common in camera JPEGs) are tolerated.
	failOn: 'truncated',
}

/** Checks and stores a campaign cover: 1200×630 and 600×315 WebP, cropped around what matters. */
export function processCoverUpload(file: File): Promise<ImageUploadResult> {
	return processUpload(file, cover)
}

/** Checks and stores a profile photo: a 400×400 square (and 120×120) WebP. */
export function processProfilePhoto(file: File): Promise<ImageUploadResult> {
	return processUpload(file, profile)
}

async function processUpload(file: File, purpose: Purpose): Promise<ImageUploadResult> {
	const fail = (error: string): ImageUploadResult => ({ ok: false, error })
	if (file.size === 0) return fail('That file is empty; please choose a photo')
	if (file.size > MAX_UPLOAD_BYTES)
		return fail(`That file is ${megabytes(file.size)} MB; please choose a photo under 8 MB`)

	const bytes = Buffer.from(await file.arrayBuffer())
	const detected = detectFormat(bytes)
	const claims = claimedFormats(file)
	if (!detected) {
		const claimed = claims.find((c) => c !== 'not an image')
		return fail(
			claimed
				? `That file says it is a ${formatLabels[claimed]} but it is not a real image`
				: 'That file isn’t a JPEG, PNG or WebP image',
		)
	}
	if (!isAccepted(detected))
		return fail(`That file is a ${formatLabels[detected]}; please choose a JPEG, PNG or WebP image`)
	// A file whose name or declared type disagrees with its bytes is refused:
	// honest files agree, and a disguised file is how attacks usually arrive.
	const lie = claims.find((c) => c !== detected)
	if (lie) {
		return fail(
			lie === 'not an image'
				? 'That file is not labelled as an image; please save it again as a JPEG, PNG or WebP and try once more'
				: `That file says it is a ${formatLabels[lie]} but it is really a ${formatLabels[detected]}; please save it again with the right type and try once more`,
		)
	}

	let metadata: sharp.Metadata
	try {
		metadata = await sharp(bytes, decodeOptions).metadata()
	} catch {
		return fail(`That file says it is a ${formatLabels[detected]} but it is not a real image`)
	}
	if (metadata.format !== detected)
		return fail(`That file says it is a ${formatLabels[detected]} but it is not a real image`)
	if (!metadata.width || !metadata.height)
		return fail(`That file says it is a ${formatLabels[detected]} but it is not a real image`)
	if (metadata.width > MAX_SIDE || metadata.height > MAX_SIDE) {
		return fail(
			`That photo is ${metadata.width} × ${metadata.height} pixels; please choose one no larger than ${MAX_SIDE} × ${MAX_SIDE}`,
		)
	}
	// EXIF orientations 5–8 turn the photo on its side when shown.
	const sideways = (metadata.orientation ?? 1) >= 5
	const shownWidth = sideways ? metadata.height : metadata.width
	const shownHeight = sideways ? metadata.width : metadata.height
	if (shownWidth < purpose.minWidth || shownHeight < purpose.minHeight) {
		return fail(
			`That photo is only ${shownWidth} × ${shownHeight} pixels; please choose one at least ${purpose.minWidth} × ${purpose.minHeight} pixels so it looks sharp`,
		)
	}

	let large: Buffer
	let small: Buffer
	try {
		// No withMetadata(): the WebP carries no EXIF (GPS, camera, owner).
		large = await sharp(bytes, decodeOptions)
			.rotate()
			.resize(purpose.width, purpose.height, { fit: 'cover', position: 'attention' })
			.webp({ quality: 82 })
			.toBuffer()
		small = await sharp(large).resize(purpose.smallWidth, purpose.smallHeight).webp({ quality: 80 }).toBuffer()
	} catch {
		return fail(`That ${formatLabels[detected]} is damaged or incomplete; please try another copy of the photo`)
	}

	const id = randomUUID()
	const url = await putPublicFile(`${purpose.folder}/${id}.webp`, large, 'image/webp')
	const smallUrl = await putPublicFile(`${purpose.folder}/${id}-small.webp`, small, 'image/webp')
	return { ok: true, image: { url, smallUrl, width: purpose.width, height: purpose.height } }
}
