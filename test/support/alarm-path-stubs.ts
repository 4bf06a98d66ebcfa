// Both loopback ends of an alarm's path, fresh for each test: the AWS stub (SNS, SQS, ...) and the Event Management
// HTTPS stub, with the CLI environment that reaches them (fake AWS credentials, the stub as AWS endpoint, the test CA).
import { join } from 'node:path'
import { AwsStub } from './aws-stub.ts'
import { awsTestEnv } from './cli-process.ts'
import { EmHttpsStub, type TestCertificate } from './em-https-stub.ts'

export interface AlarmPathStubs {
    aws: AwsStub
    em: EmHttpsStub
    env: NodeJS.Dict<string>
}

/** The AWS end alone (doctor talks to nothing else). `dir` holds the CLI's empty HOME. */
export async function startAwsStub(dir: string): Promise<Omit<AlarmPathStubs, 'em'>> {
    const aws = new AwsStub()
    await aws.start()
    return { aws, env: awsTestEnv(aws.url, join(dir, 'home')) }
}

/** Starts both stubs; Event Management accepts `acceptedKey`. `dir` holds the CLI's empty HOME. */
export async function startAlarmPathStubs(certificate: TestCertificate, acceptedKey: string, dir: string): Promise<AlarmPathStubs> {
    const { aws, env } = await startAwsStub(dir)
    const em = new EmHttpsStub(certificate)
    em.acceptedKey = acceptedKey
    await em.start()
    return { aws, em, env: { ...env, NODE_EXTRA_CA_CERTS: certificate.caFile } }
}

export async function stopAlarmPathStubs(stubs: Pick<AlarmPathStubs, 'aws' | 'em'>): Promise<void> {
    await stubs.aws.stop()
    await stubs.em.stop()
}
