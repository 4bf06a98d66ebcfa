// The migrate journal: which subscription this tool created (so a failure removes only that one), and how far the
// move got. Appended and fsync'ed before each step is relied on; SNS itself stays the truth for what exists, so a
// run killed at any step resumes from what SNS shows plus this file. It holds subscription ARNs and the topic ARN,
// never an endpoint, a password or a key. The file rules (regular file of ours, 0600, no links, lock) are
// journal-file.ts's.
import { JournalFile } from './journal-file.ts'
import { journalState, type MigrateEntry, type MigrateJournalState } from './migrate-rules.ts'

export const MIGRATE_JOURNAL_MAGIC = 'sn-aws-verify migrate journal v1'

export class MigrateJournal {
    private constructor(private readonly file: JournalFile) {}

    static open(path: string, topicArn: string): MigrateJournal {
        const file = new JournalFile(path, '--state-file', 'migrate journal', { journal: MIGRATE_JOURNAL_MAGIC, topicArn }, (first) => {
            if (first.journal !== MIGRATE_JOURNAL_MAGIC) return 'is not a migrate journal (its first line is not the journal line); give another --state-file'
            if (first.topicArn !== topicArn) return `belongs to another topic (${String(first.topicArn)}); give another --state-file`
            return null
        })
        return new MigrateJournal(file)
    }

    state(): MigrateJournalState {
        return journalState(this.file.entries)
    }

    record(entry: MigrateEntry): void {
        const line = { ...entry, at: new Date().toISOString() }
        this.file.append(line)
        this.file.entries.push(line)
    }

    close(): void {
        this.file.close()
    }
}
