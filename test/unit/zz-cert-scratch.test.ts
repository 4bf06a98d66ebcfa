import https from 'node:https'
import { makeTestCertificates } from '../support/test-certificates'
it('x', async () => {
  const c = await makeTestCertificates()
  const s = https.createServer({ key: c.keyPem, cert: c.certPem }, (_q, r) => r.end('ok'))
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r))
  const port = (s.address() as any).port
  for (const host of ['127.0.0.1', 'localhost']) {
    const body = await new Promise<string>((res, rej) => https.get({ host: '127.0.0.1', servername: host === 'localhost' ? host : undefined, port, ca: c.caPem, checkServerIdentity: undefined, headers: { host } }, (r) => { let b=''; r.on('data', (d) => b+=d); r.on('end', () => res(b)) }).on('error', rej))
    expect(body).toBe('ok')
  }
  s.close()
})
