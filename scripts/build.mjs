// npm run build: compile the Fluent sources, pack the installable zip, and say where it is and what it holds.
import { relative } from 'node:path'
import { ROOT, latestZip, nowSdk, recordEntries, zipEntries } from './lib/run.mjs'

const extra = process.argv.slice(2)
if (nowSdk(['build', ...extra]) !== 0) {
    console.error('ERROR: now-sdk build failed; nothing was packed.')
    process.exit(1)
}
if (nowSdk(['pack']) !== 0) {
    console.error('ERROR: now-sdk pack failed.')
    process.exit(1)
}
const zip = latestZip()
if (!zip) {
    console.error('ERROR: now-sdk pack wrote no zip under target/.')
    process.exit(1)
}
const records = recordEntries(zipEntries(zip))
console.log(`Installable zip: ${relative(ROOT, zip)} (${records.length} records)`)
