// The file under every sn-aws-verify journal (replay, migrate): one JSON object per line, the first line the
// journal's own header, each append fsync'ed before the step it records is relied on. The path must be a regular
// file owned by the user running the tool: it is opened without following a symbolic link (O_NOFOLLOW), created
// 0600, and checked again on the open descriptor, so neither a link, a FIFO, a device nor a directory is ever
// written to or read from. A lock file (with the owner's pid) keeps two runs from sharing one journal; a lock whose
// process is gone is taken over.
import { Buffer } from 'node:buffer'
import { closeSync, constants, fstatSync, fsyncSync, lstatSync, openSync, readFileSync, readSync, rmSync, writeSync } from 'node:fs'
import process from 'node:process'
import { InputError } from './cli-args.ts'

/** A journal bigger than this is not ours (a run writes a few hundred bytes per message). */
const MAX_JOURNAL_BYTES = 256 * 1024 * 1024

function processAlive(pid: number): boolean {
    try {
        process.kill(pid, 0)
        return true
    } catch (err) {
        return (err as NodeJS.ErrnoException).code === 'EPERM'
    }
}

function describe(code: string | undefined): string {
    if (code === 'ENOENT') return 'its folder does not exist'
    if (code === 'EACCES' || code === 'EPERM') return 'permission denied'
    if (code === 'ELOOP') return 'it is a symbolic link'
    if (code === 'EISDIR') return 'it is a directory'
    return code ? `error ${code}` : 'unreadable'
}

export interface JournalHeader {
    journal: string
    [field: string]: unknown
}

export class JournalFile {
    private fd: number
    private readonly lockPath: string
    /** Every entry after the header line, parsed; a last line cut short by a crash is dropped. */
    readonly entries: Record<string, unknown>[] = []

    /**
     * Opens (or creates) the journal at `path`. `checkHeader` judges an existing file's first line and returns a
     * message (bad input) when it belongs to something else; `header` is written as the first line of a new file.
     */
    constructor(readonly path: string, flag: string, private readonly what: string, header: JournalHeader, checkHeader: (first: Record<string, unknown>) => string | null) {
        this.lockPath = `${path}.lock`
        // Refuse anything but a regular file before any open: opening a FIFO would block, a device could be endless.
        try {
            const st = lstatSync(path)
            if (st.isSymbolicLink()) throw new InputError(`${flag}: ${path} is a symbolic link; give the path of a regular file`)
            if (st.isDirectory()) throw new InputError(`${flag}: ${path} is a directory; give the path of a journal file`)
            if (!st.isFile()) throw new InputError(`${flag}: ${path} is not a regular file`)
            if (typeof process.getuid === 'function' && st.uid !== process.getuid()) throw new InputError(`${flag}: ${path} belongs to another user; give a journal of your own`)
        } catch (err) {
            if (err instanceof InputError) throw err
            if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw new InputError(`${flag}: cannot use ${path}: ${describe((err as NodeJS.ErrnoException).code)}`)
        }
        this.takeLock(flag)
        try {
            try {
                this.fd = openSync(path, constants.O_RDWR | constants.O_APPEND | constants.O_CREAT | constants.O_NOFOLLOW | constants.O_NONBLOCK, 0o600)
            } catch (err) {
                throw new InputError(`${flag}: cannot open ${path}: ${describe((err as NodeJS.ErrnoException).code)}`)
            }
            const st = fstatSync(this.fd)
            if (!st.isFile()) {
                closeSync(this.fd)
                throw new InputError(`${flag}: ${path} is not a regular file`)
            }
            if (st.size > MAX_JOURNAL_BYTES) {
                closeSync(this.fd)
                throw new InputError(`${flag}: ${path} is larger than ${MAX_JOURNAL_BYTES} bytes: not a ${this.what}`)
            }
            if (st.size === 0) {
                this.append(header)
            } else {
                this.load(st.size, flag, checkHeader)
            }
        } catch (err) {
            rmSync(this.lockPath, { force: true })
            throw err
        }
    }

    private takeLock(flag: string): void {
        for (let i = 0; i < 2; i++) {
            try {
                const fd = openSync(this.lockPath, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, 0o600)
                writeSync(fd, String(process.pid))
                closeSync(fd)
                return
            } catch (err) {
                const code = (err as NodeJS.ErrnoException).code
                if (code !== 'EEXIST') throw new InputError(`${flag}: cannot create ${this.lockPath}: ${describe(code)}`)
                let owner = NaN
                try {
                    if (lstatSync(this.lockPath).isFile()) owner = Number(readFileSync(this.lockPath, 'utf8').slice(0, 20).trim())
                } catch {
                    // Gone in between: try again.
                }
                if (Number.isInteger(owner) && owner > 0 && processAlive(owner)) {
                    throw new InputError(`another ${this.what.split(' ')[0]} (pid ${owner}) is using ${this.path}; wait for it, or delete ${this.lockPath} if none is running`)
                }
                rmSync(this.lockPath, { force: true }) // its process is gone: a crashed run
            }
        }
        throw new InputError(`${flag}: cannot lock ${this.path}`)
    }

    private load(size: number, flag: string, checkHeader: (first: Record<string, unknown>) => string | null): void {
        const buffer = Buffer.alloc(size)
        let read = 0
        while (read < size) {
            const n = readSync(this.fd, buffer, read, size - read, read)
            if (n === 0) break
            read += n
        }
        // A crash may have cut the last line short: end it, so the next entry starts on a line of its own.
        if (read > 0 && buffer[read - 1] !== 0x0a) writeSync(this.fd, '\n')
        const lines = buffer.subarray(0, read).toString('utf8').split('\n')
        const notOurs = `${flag}: ${this.path} is not a ${this.what} (its first line is not the journal line); give another path`
        let first: unknown
        try {
            first = JSON.parse(lines[0])
        } catch {
            throw new InputError(notOurs)
        }
        if (!first || typeof first !== 'object' || Array.isArray(first)) throw new InputError(notOurs)
        const problem = checkHeader(first as Record<string, unknown>)
        if (problem) throw new InputError(`${flag}: ${this.path} ${problem}`)
        for (let i = 1; i < lines.length; i++) {
            if (lines[i].trim() === '') continue
            try {
                const entry = JSON.parse(lines[i])
                if (entry && typeof entry === 'object' && !Array.isArray(entry)) this.entries.push(entry)
            } catch {
                // A crash can cut the last line short; anything else is not our file.
                if (i >= lines.length - 2) continue
                throw new InputError(`${flag}: ${this.path} is not a ${this.what} (line ${i + 1} is not JSON)`)
            }
        }
    }

    /** Appends one entry and makes it durable (fsync) before returning. */
    append(entry: object): void {
        writeSync(this.fd, JSON.stringify(entry) + '\n')
        fsyncSync(this.fd)
    }

    /** Appends one entry without waiting for the disk; commit() makes every entry so far durable (group commit). */
    appendLazily(entry: object): void {
        writeSync(this.fd, JSON.stringify(entry) + '\n')
    }

    commit(): void {
        fsyncSync(this.fd)
    }

    close(): void {
        fsyncSync(this.fd)
        closeSync(this.fd)
        rmSync(this.lockPath, { force: true })
    }
}
