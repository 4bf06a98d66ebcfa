// Public face of the AWS SNS endpoint rules, used by the instance (Rhino) and by the sn-aws-verify CLI (Node).
export {
    API_KEY_PARAM,
    EM_INBOUND_PATH,
    formatAwsEndpoint,
    maskApiKey,
    maskEndpoint,
    parseAwsEndpoint,
} from './endpoint-url.ts'
export type { AwsEndpoint, AwsEndpointInput } from './endpoint-url.ts'
export { checkApiKey, checkConnectorSysId, checkSource, instanceBaseUrl, SOURCE_MAX_CHARS } from './endpoint-fields.ts'
export { parseQueueArn, parseTopicArn } from './topic-arn.ts'
export type { QueueArn, TopicArn } from './topic-arn.ts'
export {
    awsSubscribeCommand,
    cloudFormationSubscription,
    DELIVERY_POLICY,
    DLQ_RETENTION_SECONDS,
    ENDPOINT_PARAMETER,
    quoteShellArg,
    quoteYamlSingle,
    redrivePolicyJson,
    terraformSubscription,
    TERRAFORM_ENDPOINT_VARIABLE,
} from './sns-subscription.ts'
export type { SubscriptionInput } from './sns-subscription.ts'
