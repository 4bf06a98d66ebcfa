// Test certificates made in-process (@peculiar/x509 on Node's webcrypto), so no test needs the openssl CLI.
// makeTestCertificates() gives a fresh CA and a server certificate it signed, for 127.0.0.1 and localhost unless told
// otherwise; pass `ca` to sign another leaf with an existing CA. Keys are P-256, valid for two days.
import 'reflect-metadata' // @peculiar/x509 resolves its algorithm providers through tsyringe, which needs it
import { webcrypto } from 'node:crypto'
import * as x509 from '@peculiar/x509'

x509.cryptoProvider.set(webcrypto as unknown as Crypto)

const ALG = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const
const DAY_MS = 24 * 60 * 60 * 1000

export interface TestCa {
    caPem: string
    /** The CA's private key (PKCS#8 PEM). */
    caKeyPem: string
}

export interface TestCertificates extends TestCa {
    /** The server certificate's private key (PKCS#8 PEM). */
    keyPem: string
    certPem: string
}

export interface TestCertificateOptions {
    dnsNames?: string[]
    ipAddresses?: string[]
    /** Sign with this CA instead of making a new one. */
    ca?: TestCa
}

const serial = (): string => Buffer.from(webcrypto.getRandomValues(new Uint8Array(8))).toString('hex').replace(/^[89a-f]/, '1')

async function privateKeyPem(key: CryptoKey): Promise<string> {
    return x509.PemConverter.encode(await webcrypto.subtle.exportKey('pkcs8', key), 'PRIVATE KEY')
}

async function importPrivateKey(pem: string): Promise<CryptoKey> {
    return webcrypto.subtle.importKey('pkcs8', x509.PemConverter.decodeFirst(pem), ALG, false, ['sign'])
}

async function makeCa(): Promise<TestCa> {
    const keys = await webcrypto.subtle.generateKey(ALG, true, ['sign', 'verify'])
    const now = Date.now()
    const cert = await x509.X509CertificateGenerator.createSelfSigned({
        serialNumber: serial(),
        name: `CN=test CA ${serial()}`,
        notBefore: new Date(now - DAY_MS),
        notAfter: new Date(now + 2 * DAY_MS),
        keys,
        signingAlgorithm: ALG,
        extensions: [
            new x509.BasicConstraintsExtension(true, undefined, true),
            new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
            await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
        ],
    })
    return { caPem: cert.toString('pem'), caKeyPem: await privateKeyPem(keys.privateKey) }
}

export async function makeTestCertificates(options: TestCertificateOptions = {}): Promise<TestCertificates> {
    const dnsNames = options.dnsNames ?? ['localhost']
    const ipAddresses = options.ipAddresses ?? (options.dnsNames ? [] : ['127.0.0.1'])
    const ca = options.ca ?? (await makeCa())
    const caCert = new x509.X509Certificate(ca.caPem)
    const keys = await webcrypto.subtle.generateKey(ALG, true, ['sign', 'verify'])
    const now = Date.now()
    const cert = await x509.X509CertificateGenerator.create({
        serialNumber: serial(),
        subject: `CN=${dnsNames[0] ?? ipAddresses[0]}`,
        issuer: caCert.subject,
        notBefore: new Date(now - DAY_MS),
        notAfter: new Date(now + 2 * DAY_MS),
        publicKey: keys.publicKey,
        signingKey: await importPrivateKey(ca.caKeyPem),
        signingAlgorithm: ALG,
        extensions: [
            new x509.BasicConstraintsExtension(false, undefined, true),
            new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
            new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
            new x509.SubjectAlternativeNameExtension([
                ...dnsNames.map((value) => ({ type: 'dns' as const, value })),
                ...ipAddresses.map((value) => ({ type: 'ip' as const, value })),
            ]),
            await x509.AuthorityKeyIdentifierExtension.create(caCert),
        ],
    })
    return { ...ca, keyPem: await privateKeyPem(keys.privateKey), certPem: cert.toString('pem') }
}
