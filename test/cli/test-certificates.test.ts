// The in-process test CA (test/support/test-certificates.ts) that replaced the openssl CLI: Node's TLS accepts its
// server certificate for 127.0.0.1 and localhost, and only when told to trust that CA.
import type { AddressInfo } from 'node:net'
import tls from 'node:tls'
import { makeTestCertificates } from '../support/test-certificates'

async function handshake(certs: { keyPem: string; certPem: string }, ca: string, servername?: string): Promise<string> {
    const server = tls.createServer({ key: certs.keyPem, cert: certs.certPem }, (socket) => socket.end())
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    try {
        return await new Promise<string>((resolve) => {
            const socket = tls.connect({ host: '127.0.0.1', port: (server.address() as AddressInfo).port, ca, servername }, () => {
                socket.end()
                resolve('trusted')
            })
            socket.on('error', (e) => resolve(e.message))
        })
    } finally {
        await new Promise((resolve) => server.close(resolve))
    }
}

describe('makeTestCertificates', () => {
    it('gives a CA and a server certificate Node trusts for 127.0.0.1 and localhost', async () => {
        const certs = await makeTestCertificates()
        expect(certs.caPem).toMatch(/^-----BEGIN CERTIFICATE-----/)
        expect(certs.keyPem).toMatch(/^-----BEGIN PRIVATE KEY-----/)
        expect(await handshake(certs, certs.caPem)).toBe('trusted')
        expect(await handshake(certs, certs.caPem, 'localhost')).toBe('trusted')
    })

    it('is refused for another name, and by a client that trusts another CA', async () => {
        const certs = await makeTestCertificates()
        const other = await makeTestCertificates()
        expect(await handshake(certs, certs.caPem, 'example.com')).toMatch(/altnames/)
        expect(await handshake(certs, other.caPem)).toMatch(/unable to verify/)
    })

    it('signs a second leaf with a given CA', async () => {
        const first = await makeTestCertificates()
        const second = await makeTestCertificates({ dnsNames: ['api.example.test'], ca: first })
        expect(second.caPem).toBe(first.caPem)
        expect(await handshake(second, first.caPem, 'api.example.test')).toBe('trusted')
    })
})
