import '@servicenow/sdk/global'
import { ApplicationMenu, Record } from '@servicenow/sdk/core'
import { PROPERTY, ROLE, TABLE } from '../../server/core/app-names'
import { appAdminRole, auditorRole } from '../security/roles.now'

export const appMenu = ApplicationMenu({
    $id: Now.ID['app-menu'],
    title: 'AWS SNS Event API Keys',
    hint: 'API keys and endpoints for AWS SNS alarms into Event Management',
    roles: [appAdminRole, auditorRole],
    active: true,
    order: 100,
})

Record({
    $id: Now.ID['module-endpoints'],
    table: 'sys_app_module',
    data: {
        title: 'AWS Endpoints',
        application: appMenu,
        link_type: 'LIST',
        name: TABLE.endpoint,
        hint: 'Endpoints AWS SNS calls; generate, rotate and revoke keys here',
        roles: [ROLE.admin, ROLE.auditor],
        active: true,
        order: 100,
    },
})

Record({
    $id: Now.ID['module-issued-keys'],
    table: 'sys_app_module',
    data: {
        title: 'Issued Keys',
        application: appMenu,
        link_type: 'LIST',
        name: TABLE.issuedKey,
        hint: 'Every key the app issued (metadata only, never the token)',
        roles: [ROLE.admin, ROLE.auditor],
        active: true,
        order: 200,
    },
})

Record({
    $id: Now.ID['module-setup-check'],
    table: 'sys_app_module',
    data: {
        title: 'Setup Check',
        application: appMenu,
        link_type: 'LIST',
        name: TABLE.setupRun,
        hint: 'Run the setup check or Repair from the list banner; each run keeps its report',
        roles: [ROLE.admin, ROLE.auditor],
        active: true,
        order: 300,
    },
})

Record({
    $id: Now.ID['module-audit'],
    table: 'sys_app_module',
    data: {
        title: 'Audit Trail',
        application: appMenu,
        link_type: 'LIST',
        name: TABLE.audit,
        hint: 'Who generated, rotated or revoked which key, and the outcome',
        roles: [ROLE.admin, ROLE.auditor],
        active: true,
        order: 400,
    },
})

Record({
    $id: Now.ID['module-properties'],
    table: 'sys_app_module',
    data: {
        title: 'Properties',
        application: appMenu,
        link_type: 'FILTER',
        name: 'sys_properties',
        filter: `nameSTARTSWITH${PROPERTY.keyLifetimeDays.split('.')[0]}.`,
        hint: 'Key lifetime, expiry warning, source, base URL, integration user, Basic auth mapping',
        roles: [ROLE.admin],
        active: true,
        order: 500,
    },
})
