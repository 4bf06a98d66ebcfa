// Bridges between the doubles and the official Glide types (node_modules/@servicenow/glide/src).

/**
 * Hands a double out under an official type. The parameter type makes tsc check that every member the double
 * shares with the official class has a compatible type, so a drift in the declarations fails the typecheck.
 */
export function asOfficial<Official>(double: Partial<Official>): Official {
    return double as Official
}
