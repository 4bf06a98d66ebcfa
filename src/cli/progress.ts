// A one-line progress bar on stderr, drawn only when a person is watching (stderr is a TTY).
import process from 'node:process'

export interface ProgressCounts {
    done: number
    total: number
    label: string
}

export class ProgressBar {
    private readonly enabled: boolean
    private drawn = false

    constructor(private readonly write: (text: string) => void, isTty: boolean = process.stderr.isTTY === true) {
        this.enabled = isTty
    }

    update(counts: ProgressCounts): void {
        if (!this.enabled) return
        const width = 30
        const total = Math.max(counts.total, counts.done, 1)
        const filled = Math.min(width, Math.round((counts.done / total) * width))
        this.write(`\r[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${counts.done}/${total} ${counts.label}\u001b[K`)
        this.drawn = true
    }

    /** Ends the bar's line so the next output starts clean. */
    finish(): void {
        if (this.enabled && this.drawn) this.write('\n')
        this.drawn = false
    }
}
