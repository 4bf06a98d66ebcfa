// Role names shared by the Fluent records and the server-side role checks.
export const APP_SCOPE = 'x_em_aws_apikey'
export const APP_ADMIN_ROLE = 'x_em_aws_apikey.admin'
export const APP_AUDITOR_ROLE = 'x_em_aws_apikey.auditor'
