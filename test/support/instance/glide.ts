// @servicenow/glide in tests (jest.config.js moduleNameMapper): the Glide APIs the app's server code imports, acting
// on the current in-memory instance (index.ts, freshInstance()).
//
// How the doubles stay typed against the official declarations (node_modules/@servicenow/glide/src):
// - every double class `implements Pick<OfficialType, 'method' | ...>` for the members it models, and gs is an
//   object annotated `Pick<typeof gs, ...>`, so a changed official signature that the double no longer satisfies
//   fails `tsc --noEmit`;
// - members that return another Glide object return the official type through asOfficial<T>(double), whose
//   parameter type `Partial<T>` checks that every member the returned double shares with T is compatible;
// - the official GlideRecord/GlideAggregate are generic constructor types over table names, which a class cannot
//   declare, so the exported constants are the double classes cast through those constructor types, and
//   signature-checks.ts asserts at compile time that the doubles' instances and static sides are assignable to the
//   official ones.
// App code is type-checked against the official package itself (tsconfig has no path mapping); these exports
// only have to behave like it at run time.
import type {
    GlideAggregate as OfficialGlideAggregate, GlideRecord as OfficialGlideRecord, GlideRecordSecure as OfficialGlideRecordSecure,
} from '@servicenow/glide'
import { GlideAggregateDouble } from './glide-aggregate.ts'
import { GlideRecordDouble } from './glide-record.ts'

export const GlideRecord = GlideRecordDouble as unknown as typeof OfficialGlideRecord
export type GlideRecord<T extends string = string> = OfficialGlideRecord<T>

/** ACLs are not modelled (canRead() etc. are true), so the secure variant is the same double. */
export const GlideRecordSecure = GlideRecordDouble as unknown as typeof OfficialGlideRecordSecure
export type GlideRecordSecure<T extends string = string> = OfficialGlideRecordSecure<T>

export const GlideAggregate = GlideAggregateDouble as unknown as typeof OfficialGlideAggregate
export type GlideAggregate<T extends string = string> = OfficialGlideAggregate<T>

export { gs } from './gs.ts'
export { GlideDateTimeDouble as GlideDateTime, GlideDateDouble as GlideDate, GlideDurationDouble as GlideDuration } from './date-time.ts'
export { GlideElementDouble as GlideElement } from './glide-element.ts'
export { GlideSecureRandomUtil } from './secure-random.ts'
export { GlidePluginManager } from './plugin-manager.ts'
export { FakeAction as GlideAction } from './fake-action.ts'
export { GlideRecordDouble, GlideAggregateDouble }
