// The replay journal: an append-only file of SNS MessageIds and how far each got (posting, delivered, deleted),
// written and fsync'ed before the step it records is relied on. A run that dies between the endpoint's 2xx and
// SQS DeleteMessage finds "delivered" on restart and deletes the message without posting it again.
// It holds message ids and the queue ARN only, never an endpoint or a key. A lock file (with the owner's pid)
// keeps two replays from sharing one journal; a lock whose process is gone is taken over.
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs'
import process from 'node:process'
import { InputError } from './cli-args.ts'

export type JournalState = 'posting' | 'delivered' | 'deleted'

const MAGIC = 'sn-aws-verify replay journal v1'

function processAlive(pid: number): boolean {
    try {
        process.kill(pid, 0)
        return true
    } catch (err) {
        return (err as NodeJS.ErrnoException).code === 'EPERM'
    }
}

export class ReplayJournal {
    private readonly states = new Map<string, JournalState>()
    private fd: number
    private readonly lockPath: string

    private constructor(readonly path: string, queueArn: string) {
        this.lockPath = `${path}.lock`
        this.takeLock()
        try {
            if (existsSync(path)) this.load(queueArn)
            this.fd = openSync(path, 'a', 0o600)
            if (this.states.size === 0 && readFileSync(path, 'utf8') === '') this.append({ journal: MAGIC, queueArn })
        } catch (err) {
            rmSync(this.lockPath, { force: true })
            throw err
        }
    }

    static open(path: string, queueArn: string): ReplayJournal {
        return new ReplayJournal(path, queueArn)
    }

    private takeLock(): void {
        for (let i = 0; i < 2; i++) {
            try {
                const fd = openSync(this.lockPath, 'wx', 0o600)
                writeSync(fd, String(process.pid))
                closeSync(fd)
                return
            } catch (err) {
                if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw new InputError(`--state-file: cannot create ${this.lockPath}: ${(err as NodeJS.ErrnoException).code}`)
                const owner = Number(readFileSync(this.lockPath, 'utf8').trim())
                if (Number.isInteger(owner) && owner > 0 && processAlive(owner)) {
                    throw new InputError(`another replay (pid ${owner}) is using ${this.path}; wait for it, or delete ${this.lockPath} if no replay is running`)
                }
                rmSync(this.lockPath, { force: true }) // its process is gone: a crashed run
            }
        }
        throw new InputError(`--state-file: cannot lock ${this.path}`)
    }

    private load(queueArn: string): void {
        const lines = readFileSync(this.path, 'utf8').split('\n')
        for (let i = 0; i < lines.length; i++) {
            if (lines[i].trim() === '') continue
            let entry: { journal?: string; queueArn?: string; id?: string; state?: JournalState }
            try {
                entry = JSON.parse(lines[i])
            } catch {
                // A crash can cut the last line short; anything else is not our file.
                if (i >= lines.length - 2) continue
                throw new InputError(`--state-file: ${this.path} is not a replay journal (line ${i + 1} is not JSON)`)
            }
            if (i === 0) {
                if (entry.journal !== MAGIC) throw new InputError(`--state-file: ${this.path} is not a replay journal`)
                if (entry.queueArn !== queueArn) throw new InputError(`--state-file: ${this.path} belongs to another queue (${entry.queueArn}); give another --state-file`)
                continue
            }
            if (typeof entry.id === 'string' && (entry.state === 'posting' || entry.state === 'delivered' || entry.state === 'deleted')) {
                this.states.set(entry.id, entry.state)
            }
        }
    }

    private append(entry: object): void {
        writeSync(this.fd, JSON.stringify(entry) + '\n')
        fsyncSync(this.fd)
    }

    state(messageId: string): JournalState | undefined {
        return this.states.get(messageId)
    }

    record(messageId: string, state: JournalState): void {
        this.append({ id: messageId, state, at: new Date().toISOString() })
        this.states.set(messageId, state)
    }

    close(): void {
        closeSync(this.fd)
        rmSync(this.lockPath, { force: true })
    }
}
