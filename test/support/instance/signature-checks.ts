// Compile-time only (types only, never imported): the doubles must stay assignable to the official Glide declarations.
// `npx tsc -p tsconfig.json --noEmit` fails here when an official signature drifts away from a double.
import type {
    GlideAggregate as OfficialGlideAggregate, GlideDateTime as OfficialGlideDateTime, GlidePluginManager as OfficialPluginManager,
    GlideRecord as OfficialGlideRecord, GlideSecureRandomUtil as OfficialSecureRandom,
} from '@servicenow/glide'
import type { GlideTokenAuthClient as OfficialTokenAuthClient, GlideTokenAuthContext as OfficialTokenAuthContext } from '@servicenow/glide/sn_auth'
import type { RESTMessageV2 as OfficialRESTMessageV2 } from '@servicenow/glide/sn_ws'
import type { GlideDateTimeDouble } from './date-time.ts'
import type { GlideAggregateDouble } from './glide-aggregate.ts'
import type { GlideRecordDouble, RecordMethods } from './glide-record.ts'
import type { GlidePluginManager } from './plugin-manager.ts'
import type { GlideSecureRandomUtil } from './secure-random.ts'
import type { GlideTokenAuthClient, GlideTokenAuthContext } from './sn-auth.ts'
import type { RESTMessageV2 } from './sn-ws.ts'

type Assert<T extends true> = T
type Assignable<From, To> = [From] extends [To] ? true : false

// Instance sides: each modelled member of the double is assignable to the official member.
export type GlideRecordMembers = Assert<Assignable<Pick<GlideRecordDouble, RecordMethods>, Pick<OfficialGlideRecord, RecordMethods>>>
export type GlideAggregateMembers = Assert<Assignable<GlideAggregateDouble, Pick<OfficialGlideAggregate, 'addAggregate' | 'getAggregate' | 'groupBy' | 'next' | 'query'>>>
export type TokenAuthContextIsComplete = Assert<Assignable<GlideTokenAuthContext, OfficialTokenAuthContext>>
export type TokenAuthClientIsComplete = Assert<Assignable<GlideTokenAuthClient, OfficialTokenAuthClient>>

// Constructors take what the official constructors take.
export type GlideRecordConstructor = Assert<Assignable<[string], ConstructorParameters<typeof GlideRecordDouble>>>
export type GlideAggregateConstructor = Assert<Assignable<[string], ConstructorParameters<typeof GlideAggregateDouble>>>
export type GlideDateTimeConstructor = Assert<Assignable<[] | [string] | [OfficialGlideDateTime], ConstructorParameters<typeof GlideDateTimeDouble>>>
export type RESTMessageConstructor = Assert<Assignable<[], ConstructorParameters<typeof RESTMessageV2>>>

// Static sides.
export type DateTimeStatics = Assert<Assignable<typeof GlideDateTimeDouble, Pick<typeof OfficialGlideDateTime, 'subtract'>>>
export type SecureRandomStatics = Assert<
    Assignable<typeof GlideSecureRandomUtil, Pick<typeof OfficialSecureRandom, 'getSecureRandomInt' | 'getSecureRandomIntBound' | 'getSecureRandomLong' | 'getSecureRandomString'>>
>
export type PluginManagerStatics = Assert<Assignable<typeof GlidePluginManager, Pick<typeof OfficialPluginManager, 'isActive' | 'isRegistered'>>>
export type MessageExecute = Assert<Assignable<RESTMessageV2, Pick<OfficialRESTMessageV2, 'execute' | 'setEndpoint' | 'setQueryParameter'>>>
