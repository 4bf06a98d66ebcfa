// Checks a CloudFormation template (already parsed from YAML) against the AWS resource specification shipped in
// @aws-cdk/aws-service-spec (built by AWS from the CloudFormation registry schemas): every resource type exists,
// every property is known with the right type, required properties are there, and Ref / Fn::GetAtt / DependsOn
// point at things the template declares (GetAtt at an attribute the resource really has). Conditions, Fn::If (each
// branch checked against the property's type), Fn::Sub (every ${name} declared) and AWS::NoValue are understood.
import { loadAwsServiceSpecSync } from '@aws-cdk/aws-service-spec'

type SpecType = { type: string; element?: SpecType; types?: SpecType[]; reference?: { $ref: string } }
interface SpecProperty {
    type: SpecType
    required?: boolean
}
interface SpecResource {
    cloudFormationType: string
    properties: Record<string, SpecProperty>
    attributes: Record<string, unknown>
}
interface SpecTypeDefinition {
    properties: Record<string, SpecProperty>
}

let cached: ReturnType<typeof loadAwsServiceSpecSync> | undefined
function spec() {
    cached ??= loadAwsServiceSpecSync()
    return cached
}

export function specResource(cfnType: string): SpecResource | undefined {
    const found = spec().lookup('resource', 'cloudFormationType', 'equals', cfnType)
    return found.length === 1 ? (found[0] as unknown as SpecResource) : undefined
}

const PARAMETER_TYPES = ['String', 'Number', 'List<Number>', 'CommaDelimitedList']
const PARAMETER_KEYS = ['Type', 'Default', 'NoEcho', 'AllowedPattern', 'AllowedValues', 'ConstraintDescription', 'Description', 'MaxLength', 'MinLength', 'MaxValue', 'MinValue']

type Json = null | boolean | number | string | Json[] | { [k: string]: Json }

interface Context {
    template: Record<string, Json>
    errors: string[]
}

function isObject(v: unknown): v is Record<string, Json> {
    return typeof v === 'object' && v !== null && !Array.isArray(v)
}

function conditionNames(ctx: Context): string[] {
    return isObject(ctx.template.Conditions) ? Object.keys(ctx.template.Conditions) : []
}

/** Fn::Sub: every ${Name} (not ${!...}) names a parameter, a resource, Resource.Attribute, a pseudo parameter or a map key. */
function checkSub(ctx: Context, arg: Json, where: string): void {
    const params = isObject(ctx.template.Parameters) ? ctx.template.Parameters : {}
    const resources = isObject(ctx.template.Resources) ? ctx.template.Resources : {}
    let text: Json = arg
    let vars: Record<string, Json> = {}
    if (Array.isArray(arg)) {
        if (arg.length !== 2 || typeof arg[0] !== 'string' || !isObject(arg[1])) {
            ctx.errors.push(`${where}: Fn::Sub needs a string or [string, {variables}]`)
            return
        }
        text = arg[0]
        vars = arg[1]
        for (const [k, v] of Object.entries(vars)) scanJson(ctx, v, `${where}.Fn::Sub.${k}`)
    }
    if (typeof text !== 'string') {
        ctx.errors.push(`${where}: Fn::Sub needs a string`)
        return
    }
    for (const m of text.matchAll(/\$\{([^}]*)\}/g)) {
        const name = m[1]
        if (name.startsWith('!')) continue
        if (name in vars || name in params || name in resources || /^AWS::(AccountId|Region|Partition|StackName|StackId|URLSuffix|NotificationARNs)$/.test(name)) continue
        const dot = name.indexOf('.')
        if (dot > 0) {
            const target = resources[name.slice(0, dot)]
            const spec = isObject(target) && typeof target.Type === 'string' ? specResource(target.Type) : undefined
            if (spec && name.slice(dot + 1) in spec.attributes) continue
        }
        ctx.errors.push(`${where}: Fn::Sub names \${${name}}, which is not declared`)
    }
}

/** A condition expression: Fn::Equals / Fn::Not / Fn::And / Fn::Or / {Condition: name}. */
function checkConditionExpression(ctx: Context, value: Json, where: string): void {
    if (!isObject(value) || Object.keys(value).length !== 1) {
        ctx.errors.push(`${where}: expected a condition function`)
        return
    }
    const [fn] = Object.keys(value)
    const arg = value[fn]
    if (fn === 'Condition') {
        if (typeof arg !== 'string' || !conditionNames(ctx).includes(arg)) ctx.errors.push(`${where}: Condition ${JSON.stringify(arg)} is not declared`)
    } else if (fn === 'Fn::Equals') {
        if (!Array.isArray(arg) || arg.length !== 2) ctx.errors.push(`${where}: Fn::Equals needs two values`)
        else arg.forEach((v, i) => scanJson(ctx, v, `${where}.Fn::Equals[${i}]`))
    } else if (fn === 'Fn::Not') {
        if (!Array.isArray(arg) || arg.length !== 1) ctx.errors.push(`${where}: Fn::Not needs one condition`)
        else checkConditionExpression(ctx, arg[0], `${where}.Fn::Not[0]`)
    } else if (fn === 'Fn::And' || fn === 'Fn::Or') {
        if (!Array.isArray(arg) || arg.length < 2 || arg.length > 10) ctx.errors.push(`${where}: ${fn} needs 2 to 10 conditions`)
        else arg.forEach((v, i) => checkConditionExpression(ctx, v, `${where}.${fn}[${i}]`))
    } else ctx.errors.push(`${where}: ${fn} is not a condition function`)
}

/** Fn::If [condition, a, b]: the condition is declared; returns the branches (AWS::NoValue left out) or null. */
function ifBranches(ctx: Context, value: Json, where: string): Json[] | null {
    if (!isObject(value) || Object.keys(value).length !== 1 || !('Fn::If' in value)) return null
    const arg = value['Fn::If']
    if (!Array.isArray(arg) || arg.length !== 3 || typeof arg[0] !== 'string') {
        ctx.errors.push(`${where}: Fn::If needs [condition, value if true, value if false]`)
        return []
    }
    if (!conditionNames(ctx).includes(arg[0])) ctx.errors.push(`${where}: Fn::If names an undeclared condition ${JSON.stringify(arg[0])}`)
    return arg.slice(1).filter((b) => !(isObject(b) && b.Ref === 'AWS::NoValue'))
}

/** Ref / Fn::* : checks the target and returns true when `value` is an intrinsic function. */
function checkIntrinsic(ctx: Context, value: Json, where: string): boolean {
    if (!isObject(value)) return false
    const keys = Object.keys(value)
    if (keys.length !== 1 || !(keys[0] === 'Ref' || keys[0].startsWith('Fn::'))) return false
    const params = isObject(ctx.template.Parameters) ? ctx.template.Parameters : {}
    const resources = isObject(ctx.template.Resources) ? ctx.template.Resources : {}
    const arg = value[keys[0]]
    if (keys[0] === 'Fn::Sub') {
        checkSub(ctx, arg, where)
        return true
    }
    const branches = ifBranches(ctx, value, where)
    if (branches) {
        branches.forEach((b, i) => scanJson(ctx, b, `${where}.Fn::If[${i + 1}]`))
        return true
    }
    if (keys[0] === 'Ref') {
        if (typeof arg !== 'string' || !(arg in params || arg in resources || arg.startsWith('AWS::'))) {
            ctx.errors.push(`${where}: Ref to an undeclared name ${JSON.stringify(arg)}`)
        }
    } else if (keys[0] === 'Fn::GetAtt') {
        if (!Array.isArray(arg) || arg.length !== 2 || typeof arg[0] !== 'string' || typeof arg[1] !== 'string') {
            ctx.errors.push(`${where}: Fn::GetAtt needs [resource, attribute]`)
        } else {
            const target = resources[arg[0]]
            const targetType = isObject(target) && typeof target.Type === 'string' ? specResource(target.Type) : undefined
            if (!targetType) ctx.errors.push(`${where}: Fn::GetAtt of an undeclared resource ${arg[0]}`)
            else if (!(arg[1] in targetType.attributes)) ctx.errors.push(`${where}: ${target && (target as Record<string, Json>).Type} has no attribute ${arg[1]}`)
        }
    } else {
        ctx.errors.push(`${where}: ${keys[0]} is not checked by this validator; extend it before using it`)
    }
    return true
}

/** Free-form JSON (policies) may hold intrinsics anywhere: check each one's target. */
function scanJson(ctx: Context, value: Json, where: string): void {
    if (checkIntrinsic(ctx, value, where)) return
    if (Array.isArray(value)) value.forEach((v, i) => scanJson(ctx, v, `${where}[${i}]`))
    else if (isObject(value)) for (const [k, v] of Object.entries(value)) scanJson(ctx, v, `${where}.${k}`)
}

function checkValue(ctx: Context, type: SpecType, value: Json, where: string): void {
    // Fn::If: each branch must be a valid value of the property's type.
    const branches = ifBranches(ctx, value, where)
    if (branches) {
        branches.forEach((b, i) => checkValue(ctx, type, b, `${where}.Fn::If[${i + 1}]`))
        return
    }
    if (checkIntrinsic(ctx, value, where)) return
    switch (type.type) {
        case 'string':
            if (typeof value !== 'string') ctx.errors.push(`${where}: expected a string`)
            return
        case 'boolean':
            if (typeof value !== 'boolean') ctx.errors.push(`${where}: expected a boolean`)
            return
        case 'integer':
            if (!Number.isInteger(value)) ctx.errors.push(`${where}: expected an integer`)
            return
        case 'number':
            if (typeof value !== 'number') ctx.errors.push(`${where}: expected a number`)
            return
        case 'json':
            if (!isObject(value) && !Array.isArray(value)) ctx.errors.push(`${where}: expected a JSON object`)
            else scanJson(ctx, value, where)
            return
        case 'union': {
            const trial = (t: SpecType) => {
                const sub: Context = { template: ctx.template, errors: [] }
                checkValue(sub, t, value, where)
                return sub.errors
            }
            const results = (type.types ?? []).map(trial)
            if (!results.some((e) => e.length === 0)) ctx.errors.push(...results[0])
            return
        }
        case 'array':
            if (!Array.isArray(value)) ctx.errors.push(`${where}: expected a list`)
            else
                value.forEach((v, i) => {
                    // An element may be Fn::If whose branch is AWS::NoValue (the element is dropped).
                    if (!(isObject(v) && v.Ref === 'AWS::NoValue')) checkValue(ctx, type.element as SpecType, v, `${where}[${i}]`)
                })
            return
        case 'map':
            if (!isObject(value)) ctx.errors.push(`${where}: expected a map`)
            else for (const [k, v] of Object.entries(value)) checkValue(ctx, type.element as SpecType, v, `${where}.${k}`)
            return
        case 'tag':
            if (!isObject(value) || typeof value.Key !== 'string' || !('Value' in value)) ctx.errors.push(`${where}: expected a {Key, Value} tag`)
            return
        case 'ref': {
            const def = spec().get('typeDefinition', (type.reference as { $ref: string }).$ref) as unknown as SpecTypeDefinition
            checkProperties(ctx, def.properties, value, where)
            return
        }
        default:
            ctx.errors.push(`${where}: spec type ${type.type} is not handled by this validator`)
    }
}

function checkProperties(ctx: Context, props: Record<string, SpecProperty>, value: Json, where: string): void {
    if (!isObject(value)) {
        ctx.errors.push(`${where}: expected an object`)
        return
    }
    for (const [name, v] of Object.entries(value)) {
        const prop = props[name]
        if (!prop) ctx.errors.push(`${where}: unknown property ${name}`)
        else checkValue(ctx, prop.type, v, `${where}.${name}`)
    }
    for (const [name, prop] of Object.entries(props)) {
        if (prop.required && !(name in value)) ctx.errors.push(`${where}: required property ${name} is missing`)
    }
}

/** Every problem found, as `path: problem` lines; empty when the template is valid for the spec. */
export function checkCloudFormationTemplate(template: unknown): string[] {
    const ctx: Context = { template: isObject(template) ? template : {}, errors: [] }
    if (!isObject(template)) return ['template: expected a YAML mapping']
    for (const key of Object.keys(template)) {
        if (!['AWSTemplateFormatVersion', 'Description', 'Parameters', 'Resources', 'Outputs', 'Metadata', 'Conditions', 'Mappings'].includes(key)) {
            ctx.errors.push(`template: unknown section ${key}`)
        }
    }
    if (template.AWSTemplateFormatVersion !== undefined && template.AWSTemplateFormatVersion !== '2010-09-09') {
        ctx.errors.push('AWSTemplateFormatVersion: must be the string 2010-09-09')
    }
    const params = template.Parameters ?? {}
    if (!isObject(params)) ctx.errors.push('Parameters: expected a mapping')
    else {
        for (const [name, p] of Object.entries(params)) {
            if (!isObject(p)) {
                ctx.errors.push(`Parameters.${name}: expected a mapping`)
                continue
            }
            for (const key of Object.keys(p)) if (!PARAMETER_KEYS.includes(key)) ctx.errors.push(`Parameters.${name}: unknown key ${key}`)
            if (typeof p.Type !== 'string' || !(PARAMETER_TYPES.includes(p.Type) || p.Type.startsWith('AWS::'))) ctx.errors.push(`Parameters.${name}.Type: unsupported`)
            if (p.NoEcho !== undefined && typeof p.NoEcho !== 'boolean') ctx.errors.push(`Parameters.${name}.NoEcho: expected a boolean`)
            if (typeof p.AllowedPattern === 'string') {
                try {
                    const re = new RegExp(p.AllowedPattern)
                    if (typeof p.Default === 'string' && !re.test(p.Default)) ctx.errors.push(`Parameters.${name}.Default: does not match AllowedPattern`)
                } catch {
                    ctx.errors.push(`Parameters.${name}.AllowedPattern: not a regular expression`)
                }
            }
        }
    }
    const conditions = template.Conditions ?? {}
    if (!isObject(conditions)) ctx.errors.push('Conditions: expected a mapping')
    else for (const [name, c] of Object.entries(conditions)) checkConditionExpression(ctx, c, `Conditions.${name}`)
    const resources = template.Resources
    if (!isObject(resources) || Object.keys(resources).length === 0) {
        ctx.errors.push('Resources: at least one resource is required')
        return ctx.errors
    }
    for (const [name, res] of Object.entries(resources)) {
        const where = `Resources.${name}`
        if (!isObject(res) || typeof res.Type !== 'string') {
            ctx.errors.push(`${where}: needs a Type`)
            continue
        }
        for (const key of Object.keys(res)) {
            if (!['Type', 'Properties', 'DependsOn', 'DeletionPolicy', 'UpdateReplacePolicy', 'Condition', 'Metadata'].includes(key)) ctx.errors.push(`${where}: unknown key ${key}`)
        }
        const type = specResource(res.Type)
        if (!type) {
            ctx.errors.push(`${where}: unknown resource type ${res.Type}`)
            continue
        }
        if (res.Condition !== undefined && (typeof res.Condition !== 'string' || !conditionNames(ctx).includes(res.Condition))) {
            ctx.errors.push(`${where}.Condition: ${JSON.stringify(res.Condition)} is not declared`)
        }
        checkProperties(ctx, type.properties, res.Properties ?? {}, `${where}.Properties`)
        const dependsOn = res.DependsOn === undefined ? [] : Array.isArray(res.DependsOn) ? res.DependsOn : [res.DependsOn]
        for (const d of dependsOn) if (typeof d !== 'string' || !(d in resources)) ctx.errors.push(`${where}.DependsOn: ${JSON.stringify(d)} is not a resource here`)
    }
    const outputs = template.Outputs ?? {}
    if (isObject(outputs)) {
        for (const [name, out] of Object.entries(outputs)) {
            if (isObject(out) && out.Condition !== undefined && (typeof out.Condition !== 'string' || !conditionNames(ctx).includes(out.Condition))) {
                ctx.errors.push(`Outputs.${name}.Condition: ${JSON.stringify(out.Condition)} is not declared`)
            }
            if (!isObject(out) || !('Value' in out)) ctx.errors.push(`Outputs.${name}: needs a Value`)
            else if (!checkIntrinsic(ctx, out.Value, `Outputs.${name}.Value`) && typeof out.Value !== 'string') ctx.errors.push(`Outputs.${name}.Value: expected a string or intrinsic`)
        }
    }
    return ctx.errors
}
