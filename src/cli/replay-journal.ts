// The replay journal: an append-only file recording how far each queue message got (posting, delivered, deleted),
// written and fsync'ed before the step it records is relied on. A run that dies between the endpoint's 2xx and
// SQS DeleteMessage finds "delivered" on restart and deletes the message without posting it again.
// Entries are keyed by the SQS message id plus a hash of the body: two messages that carry the same SNS MessageId
// with different bodies are two messages, and an entry written by anything but this tool for another message (or
// by an older version, keyed by the SNS MessageId alone) never matches, so it can never delete an unposted message.
// It holds message ids, body hashes and the queue ARN only, never an endpoint or a key. The file rules (regular
// file of ours, 0600, no links, lock) are journal-file.ts's.
import { createHash } from 'node:crypto'
import { JournalFile } from './journal-file.ts'

export type JournalState = 'posting' | 'delivered' | 'deleted'

export const REPLAY_JOURNAL_MAGIC = 'sn-aws-verify replay journal v1'

/** The journal key of one queue message: its SQS message id and the SHA-256 of its body. */
export function replayKey(sqsMessageId: string, body: string): string {
    return `${sqsMessageId}:${createHash('sha256').update(body, 'utf8').digest('hex')}`
}

export class ReplayJournal {
    private readonly states = new Map<string, JournalState>()

    private constructor(private readonly file: JournalFile) {
        for (const entry of file.entries) {
            if (typeof entry.key === 'string' && (entry.state === 'posting' || entry.state === 'delivered' || entry.state === 'deleted')) {
                this.states.set(entry.key, entry.state)
            }
        }
    }

    get path(): string {
        return this.file.path
    }

    static open(path: string, queueArn: string): ReplayJournal {
        const file = new JournalFile(path, '--state-file', 'replay journal', { journal: REPLAY_JOURNAL_MAGIC, queueArn }, (first) => {
            if (first.journal !== REPLAY_JOURNAL_MAGIC) return 'is not a replay journal (its first line is not the journal line); give another --state-file'
            if (first.queueArn !== queueArn) return `belongs to another queue (${String(first.queueArn)}); give another --state-file`
            return null
        })
        return new ReplayJournal(file)
    }

    state(key: string): JournalState | undefined {
        return this.states.get(key)
    }

    /**
     * Records a state. Entries are written at once but fsync'ed in groups (commit): one fsync per message would
     * serialize every post behind the disk. What must be durable is "delivered" before the delete that relies on it:
     * replay commits right before each DeleteMessageBatch. A lost "posting" only loses the word "resent"; a lost
     * "deleted" only means a later run skips a message that is gone anyway.
     */
    record(key: string, state: JournalState): void {
        this.file.appendLazily({ key, state, at: new Date().toISOString() })
        this.states.set(key, state)
    }

    /** Makes every entry recorded so far durable. */
    commit(): void {
        this.file.commit()
    }

    close(): void {
        this.file.close()
    }
}
