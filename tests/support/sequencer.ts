import { type TestSequencer, type TestSpecification, type Vitest } from 'vitest/node'

/**
 * Vitest's own order (the slowest files of the last run first; without a
 * record of one, as in CI on a clean checkout, roughly by size), with the
 * bad-input corpus first: it is the longest integration file by far (one
 * test of ~2,000 requests, 80–170 s on a busy machine), and started twelfth,
 * as it was in CI's order, it could end the run on its own once the other
 * files had become quicker.
 */
export class CorpusFirstSequencer implements TestSequencer {
	constructor(private readonly ctx: Vitest) {}

	private async base() {
		// Loaded here rather than at the top, so the Vite config that names
		// this class does not load Vitest for `npm run build` or `npm run dev`.
		const { BaseSequencer } = await import('vitest/node')
		return new BaseSequencer(this.ctx)
	}

	async shard(files: TestSpecification[]) {
		return (await this.base()).shard(files)
	}

	async sort(files: TestSpecification[]) {
		const sorted = await (await this.base()).sort(files)
		const corpus = (file: TestSpecification) => file.moduleId.endsWith('/tests/integration/bad-input-corpus.test.ts')
		return [...sorted.filter(corpus), ...sorted.filter((file) => !corpus(file))]
	}
}
